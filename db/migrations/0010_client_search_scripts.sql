-- Client search in every script (issue #14).
-- 1. The list sorted in each reader's order: the name order (and status + name, as
--    clients_status_name_idx) in the ICU collations hy, ru and en, where the server has them
--    (PGlite and builds without ICU keep the default order, unindexed here); and per collation the names of rows holding Cyrillic or Armenian letters, so a search
--    in those scripts walks them in order wherever they sort (server/modules/clients/search.ts
--    writes the predicates exactly so).
DO $mig$
DECLARE
  loc text;
  coll text;
BEGIN
  FOREACH loc IN ARRAY ARRAY['hy', 'ru', 'en'] LOOP
    coll := loc || '-x-icu';
    IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = coll) THEN
      EXECUTE format('CREATE INDEX %I ON clients ((last_name COLLATE %I), (first_name COLLATE %I), id)',
        'clients_name_' || loc || '_idx', coll, coll);
      EXECUTE format('CREATE INDEX %I ON clients (status, (last_name COLLATE %I), (first_name COLLATE %I), id)',
        'clients_status_name_' || loc || '_idx', coll, coll);
      EXECUTE format('CREATE INDEX %I ON clients ((last_name COLLATE %I), (first_name COLLATE %I), id) WHERE search_text ~ %L',
        'clients_cyrillic_name_' || loc || '_idx', coll, coll, '[Ѐ-ӿ]');
      EXECUTE format('CREATE INDEX %I ON clients ((last_name COLLATE %I), (first_name COLLATE %I), id) WHERE search_text ~ %L',
        'clients_armenian_name_' || loc || '_idx', coll, coll, '[Ա-և]');
    END IF;
  END LOOP;
END
$mig$;--> statement-breakpoint
-- 2. search_text also holds the Latin transliteration of its Armenian and Cyrillic words
--    (domain/clients/transliterate.ts; the projection writes it from now on): the rows written
--    before get it here, once.
CREATE FUNCTION clubroom_translit_0010(w text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  s text := w;
BEGIN
  s := replace(s, 'ու', 'u');
  s := regexp_replace(s, '^ե', 'ye');
  s := regexp_replace(s, '^ո', 'vo');
  s := regexp_replace(s, '^և', 'yev');
  s := regexp_replace(s, '(^|[аеёиоуыэюяъьіїє])е', '\1ye', 'g');
  RETURN translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(s, 'ժ', 'zh'), 'խ', 'kh'), 'ծ', 'ts'), 'ձ', 'dz'), 'ղ', 'gh'), 'ճ', 'ch'), 'շ', 'sh'), 'չ', 'ch'), 'ց', 'ts'), 'և', 'ev'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'щ', 'shch'), 'ъ', ''), 'ь', ''), 'ю', 'yu'), 'я', 'ya'), 'ї', 'yi'), 'є', 'ye'),
    'աբգդեզէըթիլկհմյնոպջռսվտրւփքօֆабвгдеёзийклмнопрстуфыэіґў',
    'abgdezeytilkhmynopjrsvtrvpkofabvgdeeziyklmnoprstufyeigu');
END
$fn$;--> statement-breakpoint
UPDATE clients SET search_text = search_text || ' ' || (
  SELECT string_agg(DISTINCT clubroom_translit_0010(w), ' ') FROM regexp_split_to_table(search_text, ' ') AS w
  WHERE w ~ '[Ѐ-ӿԱ-և]'
) WHERE search_text ~ '[Ѐ-ӿԱ-և]';--> statement-breakpoint
DROP FUNCTION clubroom_translit_0010(text);
