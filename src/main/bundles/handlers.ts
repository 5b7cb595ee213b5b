// The `bundles` channels: the catalogue, and an admin adding or changing a bundle.
import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { bundleView, soldCounts } from '../sales/checkout';
import { getCurrency } from '../sales/service';
import { listBundles, upsertBundle } from './service';

export type BundlesHandlers = Pick<Handlers, 'bundles.list' | 'bundles.save'>;

export function bundlesHandlers(data: DataAccess): BundlesHandlers {
  return {
    'bundles.list': async (input, context) => {
      const user = context.user;
      const db = data.db();
      const [rows, sold, currency] = await Promise.all([
        listBundles(db, { includeInactive: input.includeInactive && user.role === 'admin' }),
        soldCounts(db),
        getCurrency(db),
      ]);
      return { currency, bundles: rows.map((row) => bundleView(row, sold.get(row.code) ?? 0)) };
    },
    'bundles.save': async (input, context) => {
      const db = data.db();
      const row = await upsertBundle(
        db,
        {
          code: input.code,
          label: input.label,
          price_cents: input.priceCents,
          includes_video: input.includesVideo,
          includes_photos: input.includesPhotos,
          includes_airtour_photos: input.includesAirtourPhotos,
          active: input.active,
          ...(input.sortOrder === undefined ? {} : { sort_order: input.sortOrder }),
          adding: input.adding === true,
        },
        context.user.id,
      );
      return bundleView(row, (await soldCounts(db)).get(row.code) ?? 0);
    },
  };
}
