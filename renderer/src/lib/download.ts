/** Saves text as a file through a temporary object URL (works in Electron and in a browser). */
export function downloadText(filename: string, text: string, mime = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads a picked file as text, reporting progress (0..1) for big files. */
export function readFileText(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(new Error(`cannot read ${file.name}: ${r.error?.message ?? 'unknown error'}`));
    r.readAsText(file);
  });
}
