// The error for bad input the user must fix in the project: exit code 2.

/** Bad input the user must fix (a path that does not exist, a broken sfdx-project.json): exit code 2. */
export class ProjectError extends Error {}
