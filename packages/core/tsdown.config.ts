import { packageConfig } from '../../tsdown.package.ts';

export default packageConfig({ index: 'src/index.ts', kernel: 'src/kernel/index.ts', node: 'src/node.ts' });
