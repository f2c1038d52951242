-- Client search (issue #14): every kind of query fast on 100,000 clients, and the list in the
-- reader's order on every engine (PGlite has no ICU).
--
-- 1. The reader's order as a plain string per reader, compared byte by byte (COLLATE "C"):
--    clubroom_name_key(last, first, reader) = the rank of the name's script in the reader's order,
--    the folded last name, chr(1), the folded first name (domain/clients/sort-key.ts, whose tables
--    these functions are written from: domain/clients/sort-key-sql.ts). Stored per reader as a
--    generated column, so whoever writes a client (the projection, registration, a restore) writes
--    its keys, and indexed with id. They replace the ICU collations of migration 0010.
CREATE FUNCTION clubroom_name_fold(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  s text := lower(normalize(name, NFC) COLLATE "C");
BEGIN
  IF s ~ '[ßẞæÆœŒĳĲıəƏƒŋŊĸŧŦþÞђЂєЄѕЅіІїЇјЈљЉњЊћЋџЏևﬓﬔﬕﬖﬗ]' THEN
    s := replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(s, 'ß', 'ss'), 'ẞ', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'), 'ĳ', 'ij'), 'Ĳ', 'ij'), 'ı', 'i~'), 'ə', 'e~'), 'Ə', 'e~'), 'ƒ', 'f~'), 'ŋ', 'n~'), 'Ŋ', 'n~'), 'ĸ', 'q~'), 'ŧ', 't~'), 'Ŧ', 't~'), 'þ', 'z~'), 'Þ', 'z~'), 'ђ', 'дӿ'), 'Ђ', 'дӿ'), 'є', 'еӿ'), 'Є', 'еӿ'), 'ѕ', 'зӿ'), 'Ѕ', 'зӿ'), 'і', 'иӿ'), 'І', 'иӿ'), 'ї', 'иӿ'), 'Ї', 'иӿ'), 'ј', 'йӿ'), 'Ј', 'йӿ'), 'љ', 'лӿ'), 'Љ', 'лӿ'), 'њ', 'нӿ'), 'Њ', 'нӿ'), 'ћ', 'тӿ'), 'Ћ', 'тӿ'), 'џ', 'чӿ'), 'Џ', 'чӿ'), 'և', 'եվ'), 'ﬓ', 'մն'), 'ﬔ', 'մե'), 'ﬕ', 'մի'), 'ﬖ', 'վն'), 'ﬗ', 'մխ');
  END IF;
  IF s ~ '[ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹøØłŁđĐðÐħĦŀĿſ]' THEN
    s := translate(s, 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹøØłŁđĐðÐħĦŀĿſ', 'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyoollddddhhlls');
  END IF;
  IF s ~ '[АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁёЀѐЍѝҐґЎўӢӣӮӯ]' THEN
    s := translate(s, 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁёЀѐЍѝҐґЎўӢӣӮӯ', 'абвгдежзийклмнопрстуфхцчшщъыьэюяееееииггууииуу');
  END IF;
  IF s ~ '[ԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖ]' THEN
    s := translate(s, 'ԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖ', 'աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ');
  END IF;
  RETURN s;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION clubroom_name_key(last_name text, first_name text, reader text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
  k text := clubroom_name_fold(coalesce(last_name, '')) || chr(1) || clubroom_name_fold(coalesce(first_name, ''));
  c int := ascii(substring(k FROM '[^\x01-\x40\x5b-\x60\x7b-\xbf]'));
BEGIN
  RETURN (CASE
    WHEN c IS NULL THEN '0'
    WHEN c <= 591 THEN CASE reader WHEN 'hy' THEN '2' WHEN 'ru' THEN '2' WHEN 'en' THEN '1' END
    WHEN c BETWEEN 1024 AND 1327 THEN CASE reader WHEN 'hy' THEN '3' WHEN 'ru' THEN '1' WHEN 'en' THEN '2' END
    WHEN c BETWEEN 1329 AND 1423 THEN CASE reader WHEN 'hy' THEN '1' WHEN 'ru' THEN '3' WHEN 'en' THEN '3' END
    ELSE '4' END) || k;
END
$fn$;--> statement-breakpoint
-- The indexes of the old orders go first (the rewrites below need not keep them up).
DROP INDEX IF EXISTS "clients_name_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "clients_status_name_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "clients_flagged_name_idx";--> statement-breakpoint
DO $mig$
DECLARE
  loc text;
BEGIN
  FOREACH loc IN ARRAY ARRAY['hy', 'ru', 'en'] LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I, %I, %I, %I', 'clients_name_' || loc || '_idx', 'clients_status_name_' || loc || '_idx',
      'clients_cyrillic_name_' || loc || '_idx', 'clients_armenian_name_' || loc || '_idx');
  END LOOP;
END
$mig$;--> statement-breakpoint
-- 2. search_text also holds its grams: every letter and pair of neighbouring letters of its
--    words, marked (ǂǂz, ǂze), so that the trigram index finds terms of one or two letters
--    (server/modules/clients/search.ts, searchGrams; this function is the same, and kept for the
--    tests that say so). Rows written before get them here, once.
CREATE FUNCTION clubroom_search_grams(words text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  letter constant text := '^[a-z\u00c0-\u01c1\u01c3-\u024f\u0370-\u03ff\u0400-\u052f\u0531-\u0587\u10a0-\u10ff\u1e00-\u1eff]$';
  grams text[] := '{}';
  w text;
  n int;
  c text;
  d text;
BEGIN
  FOREACH w IN ARRAY string_to_array(words, ' ') LOOP
    n := length(w);
    FOR i IN 1..n LOOP
      c := substr(w, i, 1);
      CONTINUE WHEN c !~ letter;
      IF NOT ('ǂǂ' || c) = ANY (grams) THEN grams := grams || ('ǂǂ' || c); END IF;
      d := substr(w, i + 1, 1);
      IF d ~ letter AND NOT ('ǂ' || c || d) = ANY (grams) THEN grams := grams || ('ǂ' || c || d); END IF;
    END LOOP;
  END LOOP;
  RETURN array_to_string(grams, ' ');
END
$fn$;--> statement-breakpoint
DROP INDEX IF EXISTS "clients_search_trgm_idx";--> statement-breakpoint
UPDATE clients SET search_text = search_text || ' ' || g.grams
  FROM (SELECT id, clubroom_search_grams(search_text) AS grams FROM clients) AS g
  WHERE g.id = clients.id AND g.grams <> '';--> statement-breakpoint
CREATE INDEX "clients_search_trgm_idx" ON "clients" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- 3. The keys, and the orders' indexes: the reader's key and id; status, key and id (a list of one
--    status walks only its rows); per script, the rows holding its letters in the orders where that
--    script does not come first (a search in Cyrillic or Armenian walks them: search.ts writes the
--    predicates exactly so).
ALTER TABLE "clients"
  ADD COLUMN "sort_key_hy" text COLLATE "C" GENERATED ALWAYS AS (clubroom_name_key(last_name, first_name, 'hy')) STORED,
  ADD COLUMN "sort_key_ru" text COLLATE "C" GENERATED ALWAYS AS (clubroom_name_key(last_name, first_name, 'ru')) STORED,
  ADD COLUMN "sort_key_en" text COLLATE "C" GENERATED ALWAYS AS (clubroom_name_key(last_name, first_name, 'en')) STORED;--> statement-breakpoint
CREATE INDEX "clients_order_hy_idx" ON "clients" ("sort_key_hy", "id");--> statement-breakpoint
CREATE INDEX "clients_order_ru_idx" ON "clients" ("sort_key_ru", "id");--> statement-breakpoint
CREATE INDEX "clients_order_en_idx" ON "clients" ("sort_key_en", "id");--> statement-breakpoint
CREATE INDEX "clients_status_order_hy_idx" ON "clients" ("status", "sort_key_hy", "id");--> statement-breakpoint
CREATE INDEX "clients_status_order_ru_idx" ON "clients" ("status", "sort_key_ru", "id");--> statement-breakpoint
CREATE INDEX "clients_status_order_en_idx" ON "clients" ("status", "sort_key_en", "id");--> statement-breakpoint
CREATE INDEX "clients_cyrillic_order_hy_idx" ON "clients" ("sort_key_hy", "id") WHERE search_text ~ '[Ѐ-ӿ]';--> statement-breakpoint
CREATE INDEX "clients_cyrillic_order_en_idx" ON "clients" ("sort_key_en", "id") WHERE search_text ~ '[Ѐ-ӿ]';--> statement-breakpoint
CREATE INDEX "clients_armenian_order_ru_idx" ON "clients" ("sort_key_ru", "id") WHERE search_text ~ '[Ա-և]';--> statement-breakpoint
CREATE INDEX "clients_armenian_order_en_idx" ON "clients" ("sort_key_en", "id") WHERE search_text ~ '[Ա-և]';--> statement-breakpoint
-- 4. No parallel workers for the list's queries: a page is at most a few thousand rows' work, and
--    starting workers (for a branch of the statement that then does not even run) costs more.
ALTER TABLE "clients" SET (parallel_workers = 0);
