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
