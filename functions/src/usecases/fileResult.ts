/**
 * A use case's result that is a file (an XLSX export); the route answers it as binary
 * (base64 through API Gateway).
 */
export class FileResult {
  constructor(
    readonly contentType: string,
    readonly filename: string,
    readonly data: Buffer,
  ) {}
}

/**
 * A use case's result that is a page for a browser (a document shared by link): answered as
 * HTML with its own status (404 for a link that no longer works) and extra headers.
 */
export class PageResult {
  constructor(
    readonly status: number,
    readonly html: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}
