// The `pricing` channels: the admin's price rules. The price itself is quoted by checkout (sales) through
// quote.ts; these only keep the rules.
import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { getCurrency } from '../sales/service';
import { listBundles } from '../bundles/service';
import { AppFailure } from '../errors';
import { priceRuleViews, removePriceRule, savePriceRule } from './service';

export type PricingHandlers = Pick<Handlers, 'pricing.rules' | 'pricing.save' | 'pricing.remove'>;

export function pricingHandlers(data: DataAccess): PricingHandlers {
  return {
    'pricing.rules': async () => {
      const db = data.db();
      const [rules, currency, bundles] = await Promise.all([
        priceRuleViews(db),
        getCurrency(db),
        listBundles(db, { includeInactive: true }),
      ]);
      return { currency, rules, bundles: bundles.map((b) => ({ code: b.code, label: b.label })) };
    },
    'pricing.save': async (input, context) => {
      const db = data.db();
      const id = await savePriceRule(db, input, context.user.id);
      const saved = (await priceRuleViews(db)).find((rule) => rule.id === id);
      if (!saved) throw new AppFailure('NOT_FOUND', 'That price rule was deleted meanwhile.');
      return saved;
    },
    'pricing.remove': async (input, context) => {
      await removePriceRule(data.db(), input.ruleId, context.user.id);
      return { removed: true };
    },
  };
}
