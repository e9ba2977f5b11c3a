import { REQUEST_ERRORS, type RequestErrorAnswer, type RequestErrorCode } from '../shared/sync/protocol';

/** A refused request: nothing of it is applied, and it answers REQUEST_ERRORS[code]. */
export class RequestError extends Error {
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    readonly extra: { detail?: string; received?: number } = {},
  ) {
    super(message);
  }

  get status(): number {
    return REQUEST_ERRORS[this.code];
  }

  answer(serverTime: number): RequestErrorAnswer {
    return { error: { code: this.code, message: this.message, serverTime, ...this.extra } };
  }
}
