export { default } from '../../tsdown.package.ts';
