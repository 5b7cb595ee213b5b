// Hands text to the browser as a file download: a Blob and a temporary <a download>, the one way that works
// the same in Electron and in the kiosk's Chromium.

/** UTF-8 byte order mark: without it a spreadsheet opening the CSV garbles "Martínez". */
const BOM = '\uFEFF';

export function saveTextFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([BOM, text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; revoking later frees the memory without racing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
