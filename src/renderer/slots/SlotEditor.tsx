// PLACEHOLDER until the slot editor lands (helper owns this file).
export function SlotEditor(_props: { readOnly: boolean }) {
  return <p className="lead">Slot editor is being built.</p>;
}
