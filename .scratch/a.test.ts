import { z } from 'zod';
import { it } from 'vitest';
import { SettingsSchema } from '../src/shared/schemas';
it('x', () => { console.log(JSON.stringify(z.toJSONSchema(SettingsSchema, { io: 'input' }))); });
