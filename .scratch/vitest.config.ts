import { defineConfig } from 'vitest/config';
export default defineConfig({ root: '/work/main', test: { include: ['tests/unit/desktop/**/*.test.ts', 'tests/integration/keychain*.test.ts', '.scratch/**/*.test.ts'], testTimeout: 60000 } });
