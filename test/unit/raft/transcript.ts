/**
 * Transcript tests in the etcd `testdata/*.txt` style: a script of commands, each
 * followed by `----` and the trace it must produce, ended by a blank line.
 * `runTranscript` re-runs a script and returns the file as it should read.
 */
import { describeMessage, type HardState, type Message } from '../../../shared/raft';
import { TestNetwork } from './network';

interface Block {
  /** Comment and blank lines before the command, kept verbatim. */
  preamble: string[];
  command: string;
  expected: string[];
}

/** Split a transcript into blocks. Throws on a command without `----`. */
export function parseTranscript(text: string): { blocks: Block[]; trailer: string[] } {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let preamble: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '' || line.startsWith('#')) {
      preamble.push(line);
      i++;
      continue;
    }
    if (lines[i + 1] !== '----') throw new Error(`line ${i + 1}: command "${line}" must be followed by ----`);
    const expected: string[] = [];
    i += 2;
    while (i < lines.length && lines[i].trim() !== '') expected.push(lines[i++]);
    blocks.push({ preamble, command: line, expected });
    preamble = [];
    if (i < lines.length) i++; // the blank line ending the block
  }
  return { blocks, trailer: preamble };
}

function parseArgs(words: string[]): { pos: string[]; kv: Map<string, string>; flags: Set<string> } {
  const pos: string[] = [];
  const kv = new Map<string, string>();
  const flags = new Set<string>();
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq > 0) kv.set(w.slice(0, eq), w.slice(eq + 1));
    else if (/^[a-z-]+$/.test(w) && !/^n\d+$/.test(w)) flags.add(w);
    else pos.push(w);
  }
  return { pos, kv, flags };
}

function range(v: string | undefined, dflt: [number, number]): [number, number] {
  if (!v) return dflt;
  const [a, b] = v.split('-').map(Number);
  return [a, b ?? a];
}

function status(net: TestNetwork, id: string): string {
  if (net.isDown(id)) return `${id} down (disk: term=${net.disk.get(id)?.term ?? 0} vote=${net.disk.get(id)?.votedFor ?? '-'})`;
  const s = net.node(id).status();
  return `${id} ${s.role} term=${s.term} vote=${s.votedFor ?? '-'} leader=${s.leader ?? '-'} log=[${s.log.map((e) => e.term).join(',')}] commit=${s.commitIndex}`;
}

/** Execute one command against the network (creating it for `cluster`). */
function execute(state: { net: TestNetwork | null }, command: string): string[] {
  const [verb, ...rest] = command.trim().split(/\s+/);
  const { pos, kv, flags } = parseArgs(rest);
  if (verb === 'cluster') {
    const [emin, emax] = range(kv.get('election'), [10, 20]);
    state.net = new TestNetwork({
      ids: pos,
      electionTimeoutMinTicks: emin,
      electionTimeoutMaxTicks: emax,
      heartbeatIntervalTicks: Number(kv.get('heartbeat') ?? 2),
      preVote: flags.has('prevote'),
      checkQuorum: flags.has('checkquorum'),
      seed: Number(kv.get('seed') ?? 1),
    });
    return pos.map((id) => status(state.net as TestNetwork, id));
  }
  const net = state.net;
  if (!net) throw new Error(`"${command}": no cluster yet`);
  const times = Number((rest.find((w) => /^x\d+$/.test(w)) ?? 'x1').slice(1));
  const target = pos[0];
  switch (verb) {
    case 'campaign':
      net.node(target).campaign();
      net.collect(target);
      break;
    case 'deliver':
      net.deliver();
      break;
    case 'tick':
      for (let k = 0; k < times; k++) {
        net.node(target).tick();
        net.collect(target);
      }
      break;
    case 'advance':
      // advance n1 x8: tick n1 and let the network deliver after each tick.
      for (let k = 0; k < times; k++) {
        net.node(target).tick();
        net.collect(target);
        net.deliver();
      }
      break;
    case 'tick-election':
    case 'tick-heartbeat': {
      const n = net.node(target);
      const ticks = n.ticksToNextTimer();
      net.note(`(${target} ticks ${ticks})`);
      n.tick(ticks);
      net.collect(target);
      break;
    }
    case 'heartbeat':
      if (!net.node(target).broadcastHeartbeat()) net.note(`${target} is not the leader`);
      net.collect(target);
      break;
    case 'propose':
      if (!net.node(target).propose(rest[1])) net.note(`${target} is not the leader`);
      net.collect(target);
      break;
    case 'isolate':
      net.isolate(target);
      break;
    case 'cut':
      net.cut(pos[0], pos[1]);
      break;
    case 'drop':
      net.drop(pos[0], pos[1]);
      break;
    case 'recover':
      net.recover();
      break;
    case 'crash':
      net.crash(target);
      return [status(net, target)];
    case 'restart':
      net.restart(target);
      return [...net.takeTrace(), status(net, target)];
    case 'restore': {
      const hs: HardState = {
        term: Number(kv.get('term') ?? 0),
        votedFor: kv.get('vote') ?? null,
        log: (kv.get('log') ?? '').split(',').filter((t) => t !== '').map((t) => ({ term: Number(t) })),
      };
      net.restore(target, hs);
      return [...net.takeTrace(), status(net, target)];
    }
    case 'step': {
      // step n2 <json>: hand a raw (possibly malformed) value to a node.
      const json = command.trim().slice(command.indexOf(target) + target.length).trim();
      const d = net.node(target).step(JSON.parse(json) as unknown);
      net.collect(target);
      if (!d) net.note(`accepted: ${describeMessage(JSON.parse(json) as Message)}`);
      break;
    }
    case 'timers':
      return (pos.length > 0 ? pos : net.config.ids).filter((id) => !net.isDown(id)).map((id) => `${id} fires in ${net.node(id).ticksToNextTimer()} ticks`);
    case 'status':
      return (pos.length > 0 ? pos : net.config.ids).map((id) => status(net, id));
    default:
      throw new Error(`unknown command "${verb}"`);
  }
  const out = net.takeTrace();
  return out.length > 0 ? out : ['ok'];
}

/** Run a transcript and return its text with every expectation replaced by the actual trace. */
export function runTranscript(text: string): string {
  const { blocks, trailer } = parseTranscript(text);
  const state: { net: TestNetwork | null } = { net: null };
  const out: string[] = [];
  for (const b of blocks) {
    out.push(...b.preamble, b.command, '----', ...execute(state, b.command), '');
  }
  // Keep trailing comments but not the trailing blank lines the blocks already end with.
  const tail = trailer.filter((l) => l.trim() !== '');
  out.push(...tail);
  let result = out.join('\n');
  if (!result.endsWith('\n')) result += '\n';
  return result;
}
