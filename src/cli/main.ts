import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { commands } from './commands.js';
import { EVAL_USAGE, evalCommand } from './eval-command.js';
import { matchCommand } from './match-command.js';

const USAGE = `usage: referrals <command> [options]

  serve                                   start the service (and the sandbox unless EHR_BASE_URL is set)
  sandbox                                 run the sandbox EHR alone on SANDBOX_PORT
  list [--status S]                       referrals of your practice (--status pending_review = the review queue)
  show <id>                               one referral: status, candidates and reasons, pending review, timeline
  review <id> <approve|edit|reject|retry|cancel> [--candidate ID] [--note TEXT] [--key IDEMPOTENCY-KEY]
  audit <id>                              a referral's audit trail
  audit verify                            recompute the audit hash chain and check it against its signed
                                          checkpoints (AUDIT_ANCHOR_KEY); exits 1 when broken or truncated
  audit anchor                            write a checkpoint of the chain's head now
  directory import <file|folder> [--partial]
                                          import FHIR Plan-Net (NDJSON or Bundles) or an NPPES CSV into the
                                          directory; --partial: do not deactivate profiles the feed omits
  directory generate [--count N] [--seed S]
                                          write a synthetic directory (deterministic for the seed)
  directory reindex                       rebuild the search index from the directory
  directory drift [--import ID] [--kind KIND] [--npi NPI] [--limit N] [--cursor C] [--json]
                                          what imports changed in the directory, newest first (kinds:
                                          network-added, network-dropped, acceptance-changed,
                                          location-moved, endpoint-changed, qualification-expired,
                                          deactivated, reactivated)
  directory imports [--limit N] [--json]  the latest imports: source, time, counts, drift by kind
  match [file|-]                          match one referral (JSON) or many (NDJSON, one result a line)
                                          against the directory, without the service
  create-referral [--patient ID] [--provider ID] [--reason TEXT] [--code ICD10]... [--specialty S] [--urgency U]
                                          create a referral in the sandbox EHR (fires its webhook)
  respond <id> <acknowledged|scheduled|declined>
                                          answer as the specialist's office (sandbox)
  eval run [suite…]                       the eval suites' gates and metrics; writes JSON and HTML reports
  eval compare <run> <run>                what moved between two runs; exits 1 on a regression
  eval bias                               counterfactual invariance and group outcomes (four-fifths rule)
  eval drift                              directory and recommendation drift; exits 1 and opens a task on an alert
  common: --token TOKEN (default DEMO_TOKEN)

${EVAL_USAGE}`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: {
    code: { type: 'string', multiple: true },
    partial: { type: 'boolean' },
    count: { type: 'string' },
    seed: { type: 'string' },
    import: { type: 'string' },
    kind: { type: 'string' },
    npi: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    json: { type: 'boolean' },
    llm: { type: 'boolean' },
    'no-llm': { type: 'boolean' },
    model: { type: 'string', multiple: true },
    data: { type: 'string' },
    reports: { type: 'string' },
    baseline: { type: 'string' },
    'no-langfuse': { type: 'boolean' },
    'no-task': { type: 'boolean' },
    'current-days': { type: 'string' },
    'baseline-days': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [name, ...args] = positionals;

if (!name || values.help) {
  console.log(USAGE);
  process.exit(name ? 0 : 2);
}
if (name === 'serve') {
  await import('../main.js');
} else if (name === 'eval') {
  try {
    const code = await evalCommand(loadConfig(), args, values, {
      out: (l) => console.log(l),
      err: process.stderr,
      now: () => new Date(),
    });
    process.exit(code);
  } catch (error) {
    console.error(`referrals eval: ${(error as Error).message}`);
    process.exit(1);
  }
} else if (name === 'match') {
  try {
    const code = await matchCommand(loadConfig(), args, {
      out: (l) => console.log(l),
      readStdin: () => readFileSync(0, 'utf8'),
    });
    process.exit(code);
  } catch (error) {
    console.error(`referrals match: ${(error as Error).message}`);
    process.exit(1);
  }
} else {
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${USAGE}`);
    process.exit(2);
  }
  try {
    await command(loadConfig(), args, values, { out: (l) => console.log(l), fetch });
  } catch (error) {
    console.error(`referrals ${name}: ${(error as Error).message}`);
    process.exit(1);
  }
}
