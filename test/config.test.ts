import { ConfigError, loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config.NEO4J_DATABASE).toBe('neo4j');
  });

  it('names the variable and the value when a port is not a number', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT: .*got "abc"/);
  });

  it('refuses a URI of another scheme', () => {
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'x' })).toThrow(/NEO4J_URI: must be a bolt/);
  });

  it('accepts routing URIs for clusters and Aura', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_PASSWORD: 'x' }).NEO4J_URI).toBe(
      'neo4j+s://abc.databases.neo4j.io',
    );
  });

  it('requires a password with NEO4J_URI and never prints secret values', () => {
    expect(() => loadConfig({ NEO4J_URI: 'bolt://db:7687' })).toThrow(/NEO4J_PASSWORD: is required/);
  });

  it('masks error details, serves no /metrics and limits token lifetimes and JSON depth unless told otherwise', () => {
    const config = loadConfig({});
    expect(config.EXPOSE_ERROR_DETAILS).toBe(false);
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(config.JWT_MAX_LIFETIME_SECONDS).toBe(86_400);
    expect(config.MAX_JSON_DEPTH).toBe(64);
    expect(loadConfig({ EXPOSE_ERROR_DETAILS: 'true' }).EXPOSE_ERROR_DETAILS).toBe(true);
  });

  it('refuses a short METRICS_TOKEN without printing it', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN: must be at least 32 characters$/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it('lists every bad variable in one message', () => {
    let message = '';
    try {
      loadConfig({ PORT: '70000', LOG_LEVEL: 'loud', SEED_ON_START: 'maybe' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/LOG_LEVEL/);
    expect(message).toMatch(/SEED_ON_START: must be true or false/);
  });
});
