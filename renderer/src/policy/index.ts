/** Counter-side guards of the camera-policy lock, installed once before the app renders. */
import './policy.css';
import { installNoCopyGuard } from './noCopy';
import { installNoPrintGuard } from './noPrint';

export function installCounterGuards(): void {
  installNoCopyGuard(document);
  installNoPrintGuard(window);
}

export { NoPhotoBanner } from './NoPhotoBanner';
