// The flight's scenes in filming order, each with how far it is; a tap picks the scene to film or watch.
import type { SceneView } from '../../shared/capture';
import { isRecorded, sceneSummary, useTakeInProgress } from './scenes';
import { SCENE_LABELS } from './store';

interface SceneStepsProps {
  scenes: SceneView[];
  current: SceneView;
  /** Scenes cannot be switched while a take is counted down, filmed or saved. */
  disabled: boolean;
  onPick(sceneId: string): void;
}

export function SceneSteps({ scenes, current, disabled, onPick }: SceneStepsProps) {
  const take = useTakeInProgress();
  return (
    <nav className="scene-steps" aria-label="Scenes">
      {scenes.map((scene) => (
        <button
          key={scene.id}
          type="button"
          className={[
            'scene-step',
            scene.id === current.id ? 'selected' : '',
            isRecorded(scene) ? 'done' : '',
          ].join(' ')}
          aria-pressed={scene.id === current.id}
          disabled={disabled}
          onClick={() => onPick(scene.id)}
        >
          <span className="scene-step-name">
            {scene.sceneIndex}. {SCENE_LABELS[scene.sceneType]}
          </span>
          <span className="scene-step-state">{sceneSummary(scene, take?.sceneId === scene.id)}</span>
        </button>
      ))}
    </nav>
  );
}
