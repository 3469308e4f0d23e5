import {
  AcknowledgeRequestSchema,
  ApplyRoleRequestSchema,
  ApplyRoleResultSchema,
  DismissProblemSchema,
  ReviewChangesPageSchema,
  ReviewChangesQuerySchema,
  ReviewGroupsPageSchema,
  ReviewGroupsQuerySchema,
  ReviewProblemsPageSchema,
  ReviewProblemsQuerySchema,
  ReviewSummarySchema,
} from '../../../shared/api/refresh.js';
import type { ApiRouteKey } from '../../../shared/api/routes.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { intId, parseInput, sendJson } from './io.js';
import type { Handler } from './io.js';

type Keys = Extract<
  ApiRouteKey,
  'getReview' | 'listReviewChanges' | 'listReviewGroups' | 'listReviewProblems' | 'acknowledgeReview' | 'applyReviewRole' | 'dismissReviewProblem' | 'deactivateReviewProblem'
>;

/** The Sync review: summary, pages of changes and problems, Acknowledge and the one-click fixes. */
export function reviewHandlers(s: AdminServices): Record<Keys, Handler> {
  return {
    getReview: (_req, res) => sendJson(res, ReviewSummarySchema, s.review.summary()),
    listReviewChanges: (req, res) => sendJson(res, ReviewChangesPageSchema, s.review.changes(parseInput(ReviewChangesQuerySchema, req.query, 'query'))),
    listReviewGroups: (req, res) => sendJson(res, ReviewGroupsPageSchema, s.review.groups(parseInput(ReviewGroupsQuerySchema, req.query, 'query'))),
    listReviewProblems: (req, res) => sendJson(res, ReviewProblemsPageSchema, s.review.problems(parseInput(ReviewProblemsQuerySchema, req.query, 'query'))),
    // Changes are answered once durable (create-admin-app.ts).
    acknowledgeReview: (req, res) => sendJson(res, ReviewSummarySchema, s.review.acknowledge(parseInput(AcknowledgeRequestSchema, req.body, 'body').toLogId)),
    applyReviewRole: (req, res) => sendJson(res, ApplyRoleResultSchema, s.reviewFixes.applyRole(parseInput(ApplyRoleRequestSchema, req.body, 'body').role)),
    dismissReviewProblem: (req, res) => {
      s.review.dismiss(intId(req, 'problem'), parseInput(DismissProblemSchema, req.body, 'body').reason);
      res.status(204).end();
    },
    deactivateReviewProblem: (req, res) => {
      s.reviewFixes.deactivateAnyway(intId(req, 'problem'));
      res.status(204).end();
    },
  };
}
