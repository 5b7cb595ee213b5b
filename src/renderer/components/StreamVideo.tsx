// A live camera feed that is already open (the capture store owns the stream; this only shows it).
import { useEffect, useRef } from 'react';

export function StreamVideo({ stream, label }: { stream: MediaStream | null | undefined; label: string }) {
  const video = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    if (video.current && video.current.srcObject !== (stream ?? null))
      video.current.srcObject = stream ?? null;
  }, [stream]);
  return <video ref={video} className="stream-video" aria-label={label} muted autoPlay playsInline />;
}
