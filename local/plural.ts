/** `1 reader`, `2 readers`: a count with its noun in the singular for one, else in the plural. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
