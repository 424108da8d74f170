/** The longest file content `PUT /admin/commentaries` takes (characters); the CLI reports a longer file itself. */
export const MAX_FILE_CHARS = 256 * 1024;
