-- Foundation: regions, organisations, users and roles, sessions, audit trail.
-- Times are UTC milliseconds since the Unix epoch. Lists (kinds, languages, categories)
-- are comma-separated words from fixed vocabularies.

CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('region', 'city')),
  name_kk TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name_kk TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  name_en TEXT NOT NULL,
  region TEXT NOT NULL REFERENCES regions (code),
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('citizen', 'specialist', 'coordinator', 'admin')),
  kinds TEXT NOT NULL DEFAULT '',
  organisation_id TEXT REFERENCES organisations (id),
  language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
  languages TEXT NOT NULL DEFAULT '',
  categories TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id, created_at);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  ip TEXT NOT NULL
);

-- Kazakhstan's 17 regions and 3 cities of republican significance (ISO 3166-2:KZ).
INSERT INTO regions (code, kind, name_kk, name_ru, name_en) VALUES
  ('KZ-10', 'region', 'Абай облысы', 'Абайская область', 'Abai Region'),
  ('KZ-11', 'region', 'Ақмола облысы', 'Акмолинская область', 'Akmola Region'),
  ('KZ-15', 'region', 'Ақтөбе облысы', 'Актюбинская область', 'Aktobe Region'),
  ('KZ-19', 'region', 'Алматы облысы', 'Алматинская область', 'Almaty Region'),
  ('KZ-23', 'region', 'Атырау облысы', 'Атырауская область', 'Atyrau Region'),
  ('KZ-27', 'region', 'Батыс Қазақстан облысы', 'Западно-Казахстанская область', 'West Kazakhstan Region'),
  ('KZ-31', 'region', 'Жамбыл облысы', 'Жамбылская область', 'Zhambyl Region'),
  ('KZ-33', 'region', 'Жетісу облысы', 'Область Жетісу', 'Zhetisu Region'),
  ('KZ-35', 'region', 'Қарағанды облысы', 'Карагандинская область', 'Karaganda Region'),
  ('KZ-39', 'region', 'Қостанай облысы', 'Костанайская область', 'Kostanay Region'),
  ('KZ-43', 'region', 'Қызылорда облысы', 'Кызылординская область', 'Kyzylorda Region'),
  ('KZ-47', 'region', 'Маңғыстау облысы', 'Мангистауская область', 'Mangystau Region'),
  ('KZ-55', 'region', 'Павлодар облысы', 'Павлодарская область', 'Pavlodar Region'),
  ('KZ-59', 'region', 'Солтүстік Қазақстан облысы', 'Северо-Казахстанская область', 'North Kazakhstan Region'),
  ('KZ-61', 'region', 'Түркістан облысы', 'Туркестанская область', 'Turkistan Region'),
  ('KZ-62', 'region', 'Ұлытау облысы', 'Область Ұлытау', 'Ulytau Region'),
  ('KZ-63', 'region', 'Шығыс Қазақстан облысы', 'Восточно-Казахстанская область', 'East Kazakhstan Region'),
  ('KZ-71', 'city', 'Астана', 'Астана', 'Astana'),
  ('KZ-75', 'city', 'Алматы', 'Алматы', 'Almaty'),
  ('KZ-79', 'city', 'Шымкент', 'Шымкент', 'Shymkent');
