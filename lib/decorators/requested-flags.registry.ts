/**
 * The flags `@InjectFlag()` asked for, by registration. A parameter
 * decorator runs when its class is defined, which may be after the
 * `DflagModule.forRoot()` call that must provide the flag (two sibling module
 * files are evaluated in import order), so the module reads this registry
 * when Nest scans it, not when `forRoot()` is called.
 */
const requested = new Map<string, Set<string>>();

/** requestFlag records that a class injects a flag of a registration. */
export function requestFlag(registration: string, flag: string): void {
  let names = requested.get(registration);
  if (!names) requested.set(registration, (names = new Set()));
  names.add(flag);
}

/** requestedFlags lists the flags of a registration that some class injects. */
export function requestedFlags(registration: string): readonly string[] {
  return [...(requested.get(registration) ?? [])];
}
