/**
 * The API reference page (/api/v1/reference), rendered on the server from the generated OpenAPI
 * document: every operation with its parameters, body and responses, and every schema with its
 * fields. Plain HTML (no scripts: the site's CSP forbids them), so it reads anywhere.
 */
import { Layout } from './layout.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const refName = (ref: string) => ref.replace('#/components/schemas/', '');
/** A field that should be text, as text ('' when it is not). */
const text = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;

/** A schema in a few words: its name, or its type with the names inside. */
export function describeSchema(schema: unknown, depth = 0): string {
  const s = obj(schema);
  if (typeof s['$ref'] === 'string') return refName(s['$ref']);
  if (Array.isArray(s['anyOf'])) return s['anyOf'].map((x) => describeSchema(x, depth)).join(' | ');
  if (Array.isArray(s['oneOf'])) return s['oneOf'].map((x) => describeSchema(x, depth)).join(' | ');
  if (Array.isArray(s['enum'])) return s['enum'].map((x) => JSON.stringify(x)).join(' | ');
  const type = Array.isArray(s['type']) ? s['type'].join(' | ') : text(s['type'], 'any');
  if (s['type'] === 'array') return `array of ${describeSchema(s['items'], depth)}`;
  if (s['type'] === 'object' && s['properties'] && depth < 1)
    return `{ ${Object.entries(obj(s['properties']))
      .map(([k, v]) => `${k}: ${describeSchema(v, depth + 1)}`)
      .join(', ')} }`;
  return s['format'] ? `${type} (${text(s['format'])})` : type;
}

function Fields(props: { schema: unknown }) {
  const s = obj(props.schema);
  const required = new Set(Array.isArray(s['required']) ? (s['required'] as string[]) : []);
  const properties = Object.entries(obj(s['properties']));
  if (!properties.length) return <p>{describeSchema(props.schema)}</p>;
  return (
    <table class="fields">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">About</th>
        </tr>
      </thead>
      <tbody>
        {properties.map(([name, p]) => (
          <tr>
            <td>
              <code>{name}</code>
              {required.has(name) ? '' : ' (optional)'}
            </td>
            <td>{describeSchema(p)}</td>
            <td>{text(obj(p)['description'])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function referencePage(doc: unknown) {
  const d = obj(doc);
  const info = obj(d['info']);
  const paths = Object.entries(obj(d['paths']));
  const schemas = Object.entries(obj(obj(d['components'])['schemas']));
  const operations = paths.flatMap(([path, item]) =>
    Object.entries(obj(item)).map(([method, op]) => ({ path, method, op: obj(op) })),
  );
  const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <Layout title="API reference">
      <h1>{text(info['title'], 'API')}</h1>
      <p>{text(info['description'])}</p>
      <p>
        Base URL <code>/api/v1</code>. The machine-readable description:{' '}
        <a href="/api/v1/openapi.json">openapi.json</a>. Writes need{' '}
        <code>Authorization: Bearer &lt;token&gt;</code> (<code>paddock token create</code>, or{' '}
        <a href="/account/tokens">your tokens</a>) and take <code>If-Match: "&lt;version&gt;"</code>.
      </p>
      <nav aria-label="Operations">
        <ul>
          {operations.map(({ path, method, op }) => (
            <li>
              <a href={`#${anchor(method, path)}`}>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </a>{' '}
              {text(op['summary'])}
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, op }) => {
        const parameters = Array.isArray(op['parameters']) ? (op['parameters'] as Json[]) : [];
        const body = obj(obj(op['requestBody'])['content']);
        return (
          <section id={anchor(method, path)}>
            <h2>
              <code>
                {method.toUpperCase()} {path}
              </code>
            </h2>
            <p>{text(op['summary'])}</p>
            {op['description'] ? <p>{text(op['description'])}</p> : null}
            {op['security'] ? <p>Needs an API token.</p> : null}
            {parameters.length > 0 && (
              <>
                <h3>Parameters</h3>
                <ul>
                  {parameters.map((p) => (
                    <li>
                      <code>{String(p['name'])}</code> ({String(p['in'])}
                      {p['required'] ? ', required' : ''}): {describeSchema(p['schema'])}
                      {obj(p['schema'])['description'] || p['description']
                        ? ` — ${String(p['description'] ?? obj(p['schema'])['description'])}`
                        : ''}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {Object.entries(body).map(([type, media]) => (
              <>
                <h3>
                  Body (<code>{type}</code>): {describeSchema(obj(media)['schema'])}
                </h3>
              </>
            ))}
            <h3>Responses</h3>
            <ul>
              {Object.entries(obj(op['responses'])).map(([status, r]) => {
                const content = Object.entries(obj(obj(r)['content']));
                return (
                  <li>
                    <strong>{status}</strong> {text(obj(r)['description'])}
                    {content.map(([type, media]) => ` — ${type}: ${describeSchema(obj(media)['schema'])}`)}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <h2>Schemas</h2>
      {schemas.map(([name, schema]) => (
        <section id={`schema-${name}`}>
          <h3>{name}</h3>
          {obj(schema)['description'] ? <p>{String(obj(schema)['description'])}</p> : null}
          <Fields schema={schema} />
        </section>
      ))}
    </Layout>
  );
}
