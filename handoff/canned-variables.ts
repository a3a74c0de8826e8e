// The variables a canned response may use, and how they are filled in. Pure and shared: the
// routes refuse a text naming any other variable, and the console fills them when the agent
// inserts the answer.
export const CANNED_VARIABLES = ['citizen_name', 'ticket_id', 'agent_name', 'channel'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{names}` in a text that are not canned-response variables (empty when all are known). */
export function unknownVariables(text: string): string[] {
  const known = new Set<string>(CANNED_VARIABLES);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].filter((name) => !known.has(name));
}

/**
 * The text with each variable replaced by its value. A variable without a value (a citizen whose
 * name no platform told us) is dropped with the comma or space before it and a Korean honorific
 * after it, so the answer still reads naturally ("Thank you, {citizen_name}." → "Thank you.",
 * "{citizen_name}님 감사합니다." → "감사합니다.").
 */
export function fillVariables(text: string, values: Partial<Record<CannedVariable, string | null>>): string {
  return text
    .replace(/(,?\s?)\{(\w+)\}(님\s?)?/g, (whole, before: string, name: string, honorific: string | undefined) => {
      if (!(CANNED_VARIABLES as readonly string[]).includes(name)) return whole;
      const value = values[name as CannedVariable];
      return value ? `${before}${value}${honorific ?? ''}` : '';
    })
    .trim();
}
