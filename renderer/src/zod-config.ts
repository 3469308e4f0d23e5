import { z } from 'zod';
import { plainZodError } from '../../shared/api/plain-errors';

/**
 * The admin origin's CSP has no 'unsafe-eval', so zod's `new Function` fast path cannot run; its
 * probe would still be reported as a CSP violation. Object schemas decide this when they are
 * built, so this module is imported first in main.tsx, before any schema module.
 * Messages are in the admin's words (shared/api/plain-errors.ts), as the server's are.
 */
z.config({ jitless: true, customError: plainZodError });
