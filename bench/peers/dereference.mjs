// Floor: swagger-parser (@apidevtools/swagger-parser, treaty's own dependency) dereferences both
// sides: reads every file, resolves every $ref. Usage: node bench/peers/dereference.mjs <base> <revision>
import SwaggerParser from '@apidevtools/swagger-parser';
import { report } from './_read.mjs';

for (const file of process.argv.slice(2)) await SwaggerParser.dereference(file);
report({});
