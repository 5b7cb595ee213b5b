// The price rules screen's state: the rules, the catalogue's bundles for the picker, and saving or deleting.
import { create } from 'zustand';
import type { RawInputOf } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { PriceRuleList } from '../../shared/pricing';
import { callMagnum } from '../shell/call';

interface PricingState {
  list: PriceRuleList | null;
  error: AppError | null;
  saving: boolean;
  saveError: AppError | null;
  load(): Promise<void>;
  save(input: RawInputOf<'pricing.save'>): Promise<boolean>;
  remove(ruleId: string): Promise<boolean>;
  clearSaveError(): void;
}

export const usePricingStore = create<PricingState>((set, get) => ({
  list: null,
  error: null,
  saving: false,
  saveError: null,
  async load() {
    const result = await callMagnum((magnum) => magnum.pricing.rules({}));
    set(result.ok ? { list: result.value, error: null } : { error: result.error });
  },
  async save(input) {
    set({ saving: true, saveError: null });
    const result = await callMagnum((magnum) => magnum.pricing.save(input));
    set({ saving: false, saveError: result.ok ? null : result.error });
    if (result.ok) await get().load();
    return result.ok;
  },
  async remove(ruleId) {
    set({ saving: true, saveError: null });
    const result = await callMagnum((magnum) => magnum.pricing.remove({ ruleId }));
    set({ saving: false, saveError: result.ok ? null : result.error });
    if (result.ok) await get().load();
    return result.ok;
  },
  clearSaveError: () => set({ saveError: null }),
}));
