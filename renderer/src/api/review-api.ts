import type { ReviewChangesPage, ReviewChangesQuery, ReviewGroupsPage, ReviewGroupsQuery, ReviewProblemsPage, ReviewProblemsQuery, ReviewSummary } from '../../../shared/api/refresh';
import { api } from './http-client';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** `getReview`: the summary since the last acknowledged review. */
export function fetchReviewSummary(signal?: AbortSignal): Promise<ReviewSummary> {
  return api.call('getReview', {}, opts(signal));
}

/** `listReviewChanges`: one page of member changes. */
export function fetchReviewChanges(query: Partial<ReviewChangesQuery>, signal?: AbortSignal): Promise<ReviewChangesPage> {
  return api.call('listReviewChanges', { query }, opts(signal));
}

/** `listReviewGroups`: one page of IdP group changes. */
export function fetchReviewGroups(query: Partial<ReviewGroupsQuery>, signal?: AbortSignal): Promise<ReviewGroupsPage> {
  return api.call('listReviewGroups', { query }, opts(signal));
}

/** `listReviewProblems`: one page of open problems. */
export function fetchReviewProblems(query: Partial<ReviewProblemsQuery>, signal?: AbortSignal): Promise<ReviewProblemsPage> {
  return api.call('listReviewProblems', { query }, opts(signal));
}

/** `acknowledgeReview` up to the summary the admin saw; answers the summary that remains. */
export function acknowledgeReview(toLogId: number): Promise<ReviewSummary> {
  return api.call('acknowledgeReview', { body: { toLogId } });
}

/** `dismissReviewProblem` with the admin's reason. */
export async function dismissProblem(id: number, reason: string): Promise<void> {
  await api.call('dismissReviewProblem', { params: { id }, body: { reason } });
}

/** `deactivateReviewProblem`: deactivate anyway and flag. */
export async function deactivateAnyway(id: number): Promise<void> {
  await api.call('deactivateReviewProblem', { params: { id } });
}

/** `applyReviewRole`: give an existing role to the members who fell back from it. */
export function applyRole(role: string): Promise<{ readonly role: string; readonly applied: number }> {
  return api.call('applyReviewRole', { body: { role } });
}
