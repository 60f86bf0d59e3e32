/// <reference types="electron-vite/node" />
// `?modulePath` imports (electron/app/main.ts): electron-vite builds the module as its own self-contained file.
