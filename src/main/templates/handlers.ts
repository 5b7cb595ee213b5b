// The `templates` channels (admin): list, save, activate, and the shipped assets a template may name.
import { toSlotLayoutEntry } from './slot-layout';
import type { InputOf } from '../../shared/contract';
import type { TemplateSlot, TemplateView } from '../../shared/templates';
import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { checkChosenAssets, findResourcesDir, listTemplateAssets } from './assets';
import {
  activateTemplate,
  createTemplate,
  flightCountsByTemplate,
  listTemplates,
  updateTemplate,
  type NewTemplateInput,
  type TemplateWithLayout,
} from './service';

export type TemplatesHandlers = Pick<
  Handlers,
  'templates.list' | 'templates.save' | 'templates.activate' | 'templates.assets'
>;

/** `resourcesDir` is looked up on first use, so a kiosk whose resources are missing still starts and says why. */
export function templatesHandlers(
  data: DataAccess,
  resourcesDir: () => string = firstFoundResourcesDir,
): TemplatesHandlers {
  const viewOf = async (template: TemplateWithLayout) =>
    toTemplateView(template, (await flightCountsByTemplate(data.db())).get(template.id) ?? 0);
  return {
    async 'templates.list'() {
      const [templates, counts] = await Promise.all([
        listTemplates(data.db()),
        flightCountsByTemplate(data.db()),
      ]);
      return templates.map((template) => toTemplateView(template, counts.get(template.id) ?? 0));
    },
    async 'templates.save'(input, context) {
      const user = context.user;
      await checkChosenAssets(resourcesDir(), input);
      const fields = toTemplateFields(input);
      const saved = input.id
        ? await updateTemplate(data.db(), input.id, fields, user.id)
        : await createTemplate(data.db(), fields, user.id);
      return viewOf(saved);
    },
    async 'templates.activate'(input, context) {
      return viewOf(await activateTemplate(data.db(), input.id, context.user.id));
    },
    'templates.assets': () => listTemplateAssets(resourcesDir()),
  };
}

let cachedResourcesDir: string | undefined;
function firstFoundResourcesDir(): string {
  cachedResourcesDir ??= findResourcesDir();
  return cachedResourcesDir;
}

export function toTemplateView(template: TemplateWithLayout, flightCount: number): TemplateView {
  return {
    id: template.id,
    name: template.name,
    active: template.is_active === 1,
    slots: template.slot_layout.map((entry): TemplateSlot => ({
      slotNumber: entry.slot_number,
      sceneType: entry.scene_type,
      cameraAngle: entry.camera_angle,
      duration: entry.duration,
      seamlessWithPrevious: entry.seamless_with_previous,
    })),
    outputWidth: template.output_width,
    outputHeight: template.output_height,
    frameRate: template.frame_rate,
    titlePattern: template.title_pattern,
    introAsset: template.intro_asset,
    outroAsset: template.outro_asset,
    musicAsset: template.music_asset,
    flightCount,
    createdAt: template.created_at,
    updatedAt: template.updated_at,
  };
}

function toTemplateFields(input: InputOf<'templates.save'>): NewTemplateInput {
  return {
    name: input.name,
    slot_layout: input.slots.map(toSlotLayoutEntry),
    output_width: input.outputWidth,
    output_height: input.outputHeight,
    frame_rate: input.frameRate,
    title_pattern: input.titlePattern,
    intro_asset: input.introAsset,
    outro_asset: input.outroAsset,
    music_asset: input.musicAsset,
  };
}
