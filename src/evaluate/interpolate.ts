/** `{{ name }}` / `{{ a.b }}` from the report's data (code policies' message templates). */
export function interpolate(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    let value: unknown = data;
    for (const part of name.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    if (value === undefined) return `{{${name}}}`;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
