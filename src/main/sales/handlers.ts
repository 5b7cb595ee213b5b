import { signedInUser, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { listSales } from './list';

export type SaleHandlers = Pick<Handlers, 'sales.list'>;

export function saleHandlers(data: DataAccess): SaleHandlers {
  return {
    'sales.list': (input, context) => listSales(data.db(), signedInUser(context), input),
  };
}
