import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { ProblemsService } from './service';

export type ProblemsHandlers = Pick<
  Handlers,
  | 'problems.report'
  | 'problems.list'
  | 'problems.resolve'
  | 'problems.diagnosticsTargets'
  | 'problems.saveDiagnostics'
>;

const NO_PROBLEMS =
  'Problem reports cannot be saved because the kiosk database is not open. The home screen says why; tell a manager.';

/** Without a problems service (a host whose database did not open, some tests) the channels say so. */
export function problemsHandlers(service: ProblemsService | undefined): ProblemsHandlers {
  if (!service) {
    const refuse = async (): Promise<never> => {
      throw new AppFailure('UNAVAILABLE', NO_PROBLEMS);
    };
    return {
      'problems.report': refuse,
      'problems.list': refuse,
      'problems.resolve': refuse,
      'problems.diagnosticsTargets': refuse,
      'problems.saveDiagnostics': refuse,
    };
  }
  return {
    'problems.report': (input, context) => service.report(input, context.user),
    'problems.list': (input) => service.list(input),
    'problems.resolve': (input, context) => service.resolve(input, context.user),
    'problems.diagnosticsTargets': () => service.diagnosticsTargets(),
    'problems.saveDiagnostics': (input, context) => service.saveDiagnostics(input, context.user),
  };
}
