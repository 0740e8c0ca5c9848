// Electron entry: builds the engine and hands it to the desktop adapters.
import { app } from 'electron';

void app.whenReady().then(() => {
  app.quit();
});
