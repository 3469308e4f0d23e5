import type { Review } from '../../../shared/api/refresh';
import { api } from './http-client';

/** `getReview`: everything since the last acknowledged review. */
export function fetchReview(signal?: AbortSignal): Promise<Review> {
  return api.call('getReview', {}, signal ? { signal } : {});
}

/** `acknowledgeReview` up to the review the admin saw; answers the review that remains. */
export function acknowledgeReview(toLogId: number): Promise<Review> {
  return api.call('acknowledgeReview', { body: { toLogId } });
}
