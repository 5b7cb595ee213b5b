import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';

export type TemplateHandlers = Pick<Handlers, never>;

export function templateHandlers(_data: DataAccess): TemplateHandlers {
  return {};
}
