/**
 * One HTTP request with a per-attempt timeout and retries with exponential backoff on what is worth
 * retrying: network errors, timeouts, 429 and 5xx. Other 4xx are the request's fault and fail at once.
 * Every failure ends as an UpstreamError naming the method, URL and last status.
 */
import { UpstreamError, errorMessage } from '../../../../src/shared/errors.js';
import type { Logger } from '../../../../src/shared/logger.js';

export interface HttpOptions {
  fetch: typeof fetch;
  /** Per attempt, in ms. */
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** First backoff delay in ms; doubles each retry. A Retry-After header (seconds) is honoured up to maxDelayMs. */
  backoffMs: number;
  maxDelayMs: number;
  logger?: Logger;
}

export const DEFAULT_HTTP_OPTIONS: Omit<HttpOptions, 'fetch'> = {
  timeoutMs: 30_000,
  retries: 4,
  backoffMs: 500,
  maxDelayMs: 30_000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

class StatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs `read` on a 2xx response of the request, retrying the whole exchange (body included: a body cut
 * off by the timeout is retried too) until it succeeds; throws UpstreamError otherwise.
 */
export async function requestWithRetry<T>(
  url: string,
  init: RequestInit,
  options: HttpOptions,
  read: (response: Response, endpoint: string) => Promise<T>,
): Promise<T> {
  const endpoint = `${init.method ?? 'GET'} ${url}`;
  let lastProblem = '';
  let lastStatus: number | undefined;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    let delay = Math.min(options.backoffMs * 2 ** attempt, options.maxDelayMs);
    try {
      const response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
      if (!response.ok) {
        const body = await response.text().catch(() => '');
        const retryAfter = Number(response.headers.get('retry-after'));
        if (Number.isFinite(retryAfter) && retryAfter > 0) delay = Math.min(retryAfter * 1000, options.maxDelayMs);
        throw new StatusError(
          response.status,
          `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${body ? `: ${body.slice(0, 200)}` : ''}`,
        );
      }
      return await read(response, endpoint);
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      if (error instanceof StatusError) {
        lastStatus = error.status;
        lastProblem = error.message;
        if (!retryable(error.status)) throw new UpstreamError(`${endpoint} failed: ${lastProblem}`, error.status);
      } else {
        // No instanceof: the DOMException comes from another realm under test runners.
        const name = (error as { name?: unknown } | null)?.name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        lastStatus = undefined;
        lastProblem = timedOut ? `no answer within ${options.timeoutMs} ms` : `network error: ${errorMessage(error)}`;
      }
    }
    if (attempt < options.retries) {
      options.logger?.debug(`${endpoint}: ${lastProblem}; retrying in ${delay} ms`);
      await sleep(delay);
    }
  }
  throw new UpstreamError(`${endpoint} failed after ${options.retries + 1} attempts: ${lastProblem}`, lastStatus);
}

/** Reads a 2xx response as JSON; a body that is not JSON is an upstream failure, not a crash. */
export async function readJson(response: Response, endpoint: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamError(`${endpoint} answered ${response.status} with a body that is not JSON: ${text.slice(0, 120)}`, response.status);
  }
}
