// robots.txt, as far as a link checker needs it: may `agent` fetch `path`? The group for our
// agent's name wins over `*`; within it the longest matching Allow/Disallow rule wins, Allow on a
// tie (RFC 9309). `*` and a trailing `$` work as wildcards. Pure.

interface Rule {
  readonly allow: boolean;
  readonly pattern: string;
}

function groupsOf(text: string): Map<string, Rule[]> {
  const groups = new Map<string, Rule[]>();
  let agents: string[] = [];
  let inRules = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (inRules) agents = [];
      inRules = false;
      agents.push(value.toLowerCase());
      for (const agent of agents) if (!groups.has(agent)) groups.set(agent, []);
    } else if (key === 'allow' || key === 'disallow') {
      inRules = true;
      if (key === 'disallow' && value === '') continue; // "Disallow:" allows everything
      for (const agent of agents) groups.get(agent)!.push({ allow: key === 'allow', pattern: value });
    }
  }
  return groups;
}

function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${body.join('.*')}${anchored ? '$' : ''}`).test(path);
}

export function robotsAllows(robotsTxt: string, agent: string, path: string): boolean {
  const groups = groupsOf(robotsTxt);
  const name = agent.toLowerCase();
  const ours = [...groups.keys()].find((key) => key !== '*' && name.includes(key));
  const rules = groups.get(ours ?? '*') ?? [];
  let best: Rule | undefined;
  for (const rule of rules) {
    if (!matches(rule.pattern, path)) continue;
    if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
  }
  return best?.allow ?? true;
}
