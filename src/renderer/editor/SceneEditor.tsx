// PLACEHOLDER until the segment editor lands (helper owns this file).
import type { EditorScene } from '../../shared/editing';

export function SceneEditor({ scene }: { scene: EditorScene; readOnly: boolean }) {
  return <p className="lead">Segment editor for {scene.sceneType} is being built.</p>;
}
