// A live, silent preview of one camera. It opens the camera itself and lets go of it when it leaves the
// screen or the device or size changes, so a screen never holds a camera it no longer shows.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CameraSetup } from '../../shared/devices';
import { openCamera, stopStream } from './devices';
import './cameras.css';

interface CameraTileProps {
  deviceId: string;
  /** The size and rate to ask the camera for. */
  setup: Pick<CameraSetup, 'width' | 'height' | 'frameRate'>;
  /** The device's name, shown under the picture. */
  label?: string;
  /** A short tag over the picture's corner, e.g. "Camera 1 — front". */
  badge?: ReactNode;
  /** Called with each stream the tile opens (e.g. to record it); the tile still stops it when done. */
  onStream?(stream: MediaStream): void;
}

/** How the last attempt to open the camera ended, for which device and size (older results do not count). */
type Opened = { key: string; failure: string | null };

export function CameraTile({ deviceId, setup, label, badge, onStream }: CameraTileProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  // The latest callback without reopening the camera when a parent passes a new function each render.
  const streamListener = useRef(onStream);
  useEffect(() => {
    streamListener.current = onStream;
  }, [onStream]);

  const { width, height, frameRate } = setup;
  const key = `${deviceId} ${width}x${height}@${frameRate}`;
  const opening = opened?.key !== key;
  const failure = opening ? null : opened.failure;
  useEffect(() => {
    const element = video.current;
    let stream: MediaStream | null = null;
    let closed = false;
    openCamera(deviceId, { width, height, frameRate }).then(
      (live) => {
        if (closed) return stopStream(live);
        stream = live;
        if (element) element.srcObject = live;
        setOpened({ key, failure: null });
        streamListener.current?.(live);
      },
      (error: unknown) => {
        if (!closed) setOpened({ key, failure: cameraFailure(error) });
      },
    );
    return () => {
      closed = true;
      stopStream(stream);
      if (element) element.srcObject = null;
    };
  }, [key, deviceId, width, height, frameRate]);

  return (
    <figure className="camera-tile">
      <div className="camera-picture">
        <video
          ref={video}
          muted
          autoPlay
          playsInline
          aria-label={label ? `Live picture: ${label}` : 'Live picture'}
        />
        {opening && <p className="camera-picture-note">Starting the camera…</p>}
        {failure && (
          <p className="camera-picture-note camera-picture-failed" role="alert">
            {failure}
          </p>
        )}
        {badge && <span className="camera-badge">{badge}</span>}
      </div>
      {label && <figcaption className="camera-label">{label}</figcaption>}
    </figure>
  );
}

/** getUserMedia's error names, said as what to do about them. */
function cameraFailure(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return 'Camera access is not allowed. Allow the camera, then reload.';
  if (name === 'NotReadableError' || name === 'AbortError')
    return 'This camera is busy or not working. Close other programs using it, or plug it in again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'This camera is not connected any more.';
  return 'This camera did not start. Plug it in again, then reload.';
}
