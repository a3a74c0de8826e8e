// jsonb values are written as JSON text: node-postgres would send a JS array as a SQL array.
export const toJson = (value: unknown): string => JSON.stringify(value);
