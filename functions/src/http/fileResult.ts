/** A handler result that is a file, answered as binary (base64 through API Gateway). */
export class FileResult {
  constructor(
    readonly contentType: string,
    readonly filename: string,
    readonly data: Buffer,
  ) {}
}
