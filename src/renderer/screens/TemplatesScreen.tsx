// PLACEHOLDER until the templates screen lands (helper owns this file).
export function TemplatesScreen() {
  return <p className="lead">Templates are being built.</p>;
}
