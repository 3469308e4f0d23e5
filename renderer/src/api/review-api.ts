import { z } from 'zod';
import { ReviewSchema, type Review } from '../../../shared/api/refresh';
import { apiPath, apiRequest } from './http-client';

/** GET /api/review: everything since the last acknowledged review. */
export function fetchReview(signal?: AbortSignal): Promise<Review> {
  return apiRequest(apiPath('/review'), ReviewSchema, signal ? { signal } : {});
}

/** POST /api/review/acknowledge up to the review the admin saw. */
export async function acknowledgeReview(toLogId: number): Promise<void> {
  await apiRequest(apiPath('/review/acknowledge'), z.unknown(), { method: 'POST', body: { toLogId } });
}
