// Vite turns CSS imports into injected styles; tell TypeScript they exist (no vite/client types here).
declare module '*.css';
