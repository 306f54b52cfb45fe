// The error for a configuration the user must fix: exit code 2.

/** A configuration problem, naming the file and key: exit code 2. */
export class ConfigError extends Error {}
