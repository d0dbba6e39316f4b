/**
 * The mock's security analysis of a tool: deterministic findings and a 0–100 risk score that
 * follow from the tool's schema (free-form command, path, URL or credential parameters score
 * high; a calculator with enum and number parameters scores low).
 */
import { randomUUID } from 'node:crypto';
import { isObject } from '../validate.ts';

/** A SecurityFinding of the contract. */
export interface Finding {
  finding_id: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  category: string;
  title: string;
  description: string;
  confidence: number;
  recommendation: string;
}

/** What the analysis produces. */
export interface Analysis {
  risk_score: number;
  findings: Finding[];
  recommendations: string[];
}

/** The tool fields the analysis reads. */
export interface AnalysedTool {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

type Rule = Omit<Finding, 'finding_id' | 'title' | 'description'> & {
  /** Parameter name words that trigger the rule (for free-form strings). */
  words: readonly string[];
  /** Risk points added. */
  points: number;
  title: (param: string) => string;
  description: (param: string) => string;
};

/** Rules for free-form string parameters, most severe first; the first whose words match applies. */
const PARAMETER_RULES: readonly Rule[] = [
  {
    words: ['command', 'cmd', 'shell', 'exec', 'execute', 'script', 'eval', 'code', 'bash', 'powershell'],
    severity: 'critical',
    category: 'schema_injection',
    confidence: 0.92,
    points: 55,
    title: (p) => `Free-form command parameter '${p}'`,
    description: (p) => `Parameter '${p}' accepts any string, which the tool may run as a command: command injection and arbitrary code execution.`,
    recommendation: 'Replace free-form commands with an enum of allowed operations, or validate them against a strict pattern.',
  },
  {
    words: ['sql'],
    severity: 'high',
    category: 'schema_injection',
    confidence: 0.85,
    points: 25,
    title: (p) => `Raw SQL parameter '${p}'`,
    description: (p) => `Parameter '${p}' passes raw SQL to a database: SQL injection.`,
    recommendation: 'Accept structured filters instead of raw SQL, and use parameterised queries.',
  },
  {
    words: ['path', 'file', 'filename', 'filepath', 'dir', 'directory', 'folder'],
    severity: 'high',
    category: 'data_exposure',
    confidence: 0.85,
    points: 30,
    title: (p) => `Unrestricted file system path '${p}'`,
    description: (p) => `Parameter '${p}' accepts any path: the tool may read or write files outside its scope (path traversal).`,
    recommendation: "Restrict paths to an allow-listed base directory with a pattern; refuse '..' and absolute paths.",
  },
  {
    words: ['url', 'uri', 'endpoint', 'host', 'hostname', 'webhook'],
    severity: 'medium',
    category: 'data_exposure',
    confidence: 0.7,
    points: 15,
    title: (p) => `Unrestricted URL parameter '${p}'`,
    description: (p) => `Parameter '${p}' accepts any URL: server-side request forgery or data exfiltration.`,
    recommendation: 'Limit URLs to an allow-list of hosts (format: uri plus a pattern).',
  },
  {
    words: ['password', 'secret', 'token', 'credential', 'credentials', 'apikey'],
    severity: 'medium',
    category: 'data_exposure',
    confidence: 0.75,
    points: 15,
    title: (p) => `Credential passed as parameter '${p}'`,
    description: (p) => `Parameter '${p}' carries a credential through the model's context, where it can leak.`,
    recommendation: 'Keep credentials in the tool server configuration, not in tool arguments.',
  },
];

const PRIVILEGED = /\b(sudo|root|admin|administrator|privileged)\b/i;
const BASE_SCORE = 5;

/** The words of a parameter name: `shellCommand`, `shell_command`, `shell-command` → `shell`, `command`. */
function words(name: string): string[] {
  const split = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return [...split, split.join('')];
}

/** True for a string parameter nothing constrains (no enum, const or pattern). */
function isFreeString(param: Record<string, unknown>): boolean {
  const type = param.type;
  const stringy = type === 'string' || (Array.isArray(type) && type.includes('string'));
  return stringy && param.enum === undefined && param.const === undefined && param.pattern === undefined;
}

/** Every parameter of a schema, nested objects and array items included, with a dotted name. */
function* parameters(schema: Record<string, unknown>, prefix = ''): Generator<[string, Record<string, unknown>]> {
  const properties = schema.properties;
  if (!isObject(properties)) return;
  for (const [name, param] of Object.entries(properties)) {
    if (!isObject(param)) continue;
    const full = prefix + name;
    yield [full, param];
    yield* parameters(param, `${full}.`);
    if (isObject(param.items)) {
      yield [`${full}[]`, param.items];
      yield* parameters(param.items, `${full}[].`);
    }
  }
}

/** Analyses a tool; the same tool always gets the same score and findings (ids aside). */
export function analyzeTool(tool: AnalysedTool): Analysis {
  const findings: Finding[] = [];
  let score = BASE_SCORE;
  const add = (finding: Omit<Finding, 'finding_id'>, points: number): void => {
    findings.push({ finding_id: randomUUID(), ...finding });
    score += points;
  };

  for (const [name, param] of parameters(tool.schema)) {
    if (!isFreeString(param)) continue;
    const nameWords = words(name.split(/[.[\]]+/).filter(Boolean).pop() ?? name);
    const rule = PARAMETER_RULES.find((r) => r.words.some((word) => nameWords.includes(word)));
    if (rule) {
      const { severity, category, confidence, recommendation, points } = rule;
      add({ severity, category, confidence, recommendation, title: rule.title(name), description: rule.description(name) }, points);
    } else if (param.maxLength === undefined && param.format === undefined) {
      add({
        severity: 'low',
        category: 'schema_injection',
        confidence: 0.4,
        title: `Unconstrained string parameter '${name}'`,
        description: `Parameter '${name}' accepts a string of any length and content.`,
        recommendation: 'Bound free-form strings with maxLength, a pattern or an enum.',
      }, 3);
    }
  }

  if (PRIVILEGED.test(`${tool.name} ${tool.description}`)) {
    add({
      severity: 'high',
      category: 'privilege_escalation',
      confidence: 0.8,
      title: 'Tool asks for elevated privileges',
      description: `The tool '${tool.name}' describes itself as running with administrative or root privileges.`,
      recommendation: 'Run the tool with the least privilege it needs and document why any elevation is required.',
    }, 25);
  }

  if (tool.schema.additionalProperties !== false) {
    add({
      severity: 'low',
      category: 'schema_injection',
      confidence: 0.5,
      title: 'Schema accepts undeclared properties',
      description: 'The argument schema does not set additionalProperties: false, so callers may pass arguments the tool does not declare.',
      recommendation: 'Set additionalProperties: false in the argument schema.',
    }, 5);
  }

  const risk_score = Math.max(0, Math.min(100, Math.round(score)));
  const recommendations = [...new Set(findings.map((finding) => finding.recommendation))];
  if (risk_score >= 70) recommendations.unshift('High risk: require a senior security review before approval.');
  return { risk_score, findings, recommendations };
}
