import { z } from 'zod';

/**
 * The admin origin's CSP has no 'unsafe-eval', so zod's `new Function` fast path cannot run; its
 * probe would still be reported as a CSP violation. Object schemas decide this when they are
 * built, so this module is imported first in main.tsx, before any schema module.
 */
z.config({ jitless: true });
