namespace Syndication.Storage.Schema;

/// <summary>The schema's history. Append new steps; never edit one that has shipped.</summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "archive: sections, authors, tags, articles and their parts", """
            CREATE TABLE sections (
                id INTEGER PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL
            );
            CREATE TABLE authors (
                id INTEGER PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL UNIQUE
            );
            CREATE TABLE tags (
                id INTEGER PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL UNIQUE
            );
            CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                source_key TEXT NOT NULL UNIQUE,
                stable_id TEXT NOT NULL UNIQUE,
                slug TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                lead TEXT,
                body_html TEXT NOT NULL,
                section_id INTEGER NOT NULL REFERENCES sections(id),
                published_utc TEXT NOT NULL,
                updated_utc TEXT NOT NULL,
                content_hash TEXT NOT NULL
            );
            CREATE INDEX ix_articles_published ON articles (published_utc DESC, id DESC);
            CREATE INDEX ix_articles_section_published ON articles (section_id, published_utc DESC, id DESC);
            CREATE TABLE article_authors (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                author_id INTEGER NOT NULL REFERENCES authors(id),
                position INTEGER NOT NULL,
                PRIMARY KEY (article_id, author_id)
            );
            CREATE INDEX ix_article_authors_author ON article_authors (author_id);
            CREATE TABLE article_tags (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                tag_id INTEGER NOT NULL REFERENCES tags(id),
                position INTEGER NOT NULL,
                PRIMARY KEY (article_id, tag_id)
            );
            CREATE INDEX ix_article_tags_tag ON article_tags (tag_id);
            CREATE TABLE article_images (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                url TEXT,
                caption TEXT,
                media_type TEXT,
                length INTEGER,
                PRIMARY KEY (article_id, position)
            );
            CREATE TABLE article_related (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                title TEXT NOT NULL,
                summary TEXT,
                url TEXT,
                PRIMARY KEY (article_id, position)
            );
            -- One row whose revision moves on every archive change, so caches know when to re-render.
            CREATE TABLE archive_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                revision INTEGER NOT NULL
            );
            INSERT INTO archive_state (id, revision) VALUES (1, 0);
            """),
        new(2, "ingestion: sources and their entries", """
            CREATE TABLE sources (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL UNIQUE,
                title TEXT,
                site_url TEXT,
                category TEXT,
                -- 'opml' when the OPML file lists it, 'cli' when added by hand.
                origin TEXT NOT NULL,
                -- Set when the source left the OPML or was removed: it is no longer polled, its entries stay.
                removed_utc TEXT,
                -- Set when the source itself said it is gone (HTTP 410); cleared by adding it again.
                disabled_reason TEXT,
                etag TEXT,
                last_modified TEXT,
                last_poll_utc TEXT,
                last_success_utc TEXT,
                last_status INTEGER,
                last_error TEXT,
                consecutive_failures INTEGER NOT NULL DEFAULT 0,
                next_poll_utc TEXT,
                interval_minutes INTEGER,
                entry_count INTEGER NOT NULL DEFAULT 0,
                created_utc TEXT NOT NULL
            );
            CREATE TABLE entries (
                id INTEGER PRIMARY KEY,
                source_id INTEGER NOT NULL REFERENCES sources(id),
                entry_key TEXT NOT NULL,
                stable_id TEXT NOT NULL UNIQUE,
                original_id TEXT,
                link TEXT,
                title TEXT,
                summary_html TEXT,
                content_html TEXT,
                authors_json TEXT NOT NULL,
                categories_json TEXT NOT NULL,
                enclosures_json TEXT NOT NULL,
                published_utc TEXT,
                updated_utc TEXT,
                -- Newest-first order of the related feeds: published, else updated, else when we first saw it.
                sort_utc TEXT NOT NULL,
                first_seen_utc TEXT NOT NULL,
                last_seen_utc TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                UNIQUE (source_id, entry_key)
            );
            CREATE INDEX ix_entries_sort ON entries (sort_utc DESC, id DESC);
            ALTER TABLE archive_state ADD COLUMN entries_revision INTEGER NOT NULL DEFAULT 0;
            """),
        new(3, "publishing: the last seen version of each published feed and its WebSub ping", """
            CREATE TABLE published_feeds (
                -- The feed's path below the site ("feeds/sections/kinh-te/rss.xml").
                path TEXT PRIMARY KEY,
                -- The hash of the feed's bytes when last looked at (its ETag).
                tag TEXT NOT NULL,
                changed_utc TEXT NOT NULL,
                -- The tag the hub was last told about, and when.
                pinged_tag TEXT,
                pinged_utc TEXT,
                ping_failures INTEGER NOT NULL DEFAULT 0,
                -- Set while the hub is owed a ping: when to (re)try it. NULL when nothing is owed.
                next_ping_utc TEXT,
                last_error TEXT
            ) WITHOUT ROWID;
            CREATE INDEX ix_published_feeds_next_ping ON published_feeds (next_ping_utc) WHERE next_ping_utc IS NOT NULL;
            """),
        new(4, "partners: keys, daily usage; deleted articles' tombstones", """
            CREATE TABLE partners (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                -- The key's public part, which finds the row; the secret part is only kept as a SHA-256 hash.
                key_id TEXT NOT NULL UNIQUE,
                secret_hash BLOB NOT NULL,
                -- Space-separated: feeds, section:SLUG, author:SLUG, tag:SLUG, related, admin.
                scopes TEXT NOT NULL,
                requests_per_minute INTEGER NOT NULL,
                created_utc TEXT NOT NULL,
                revoked_utc TEXT
            );
            CREATE TABLE partner_usage (
                partner_id INTEGER NOT NULL REFERENCES partners(id),
                -- The UTC day, yyyy-MM-dd.
                day TEXT NOT NULL,
                requests INTEGER NOT NULL DEFAULT 0,
                not_modified INTEGER NOT NULL DEFAULT 0,
                throttled INTEGER NOT NULL DEFAULT 0,
                bytes INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (partner_id, day)
            ) WITHOUT ROWID;
            -- What a deleted article leaves behind: its identity, so a re-publication keeps its id, and its date,
            -- so the archive's months (RFC 5005) do not vanish when the oldest article goes.
            CREATE TABLE article_tombstones (
                source_key TEXT PRIMARY KEY,
                stable_id TEXT NOT NULL,
                slug TEXT NOT NULL,
                published_utc TEXT NOT NULL,
                deleted_utc TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ix_article_tombstones_slug ON article_tombstones (slug);
            """),
        new(5, "search: full-text indexes of articles and entries kept by triggers; related coverage", """
            -- The indexes hold search_text() of each field: plain text, folded (lower case, no marks, đ → d) by the same
            -- C# function that folds queries (SearchText), registered on every connection. Contentless: the folded
            -- text is never shown (snippets are cut from the rows themselves), so it is not stored twice; deletes work
            -- by rowid (contentless_delete). The rowid is the article's or entry's id.
            CREATE VIRTUAL TABLE article_search USING fts5 (
                title, lead, body,
                content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
            );
            CREATE VIRTUAL TABLE entry_search USING fts5 (
                title, summary, content,
                content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
            );
            -- How many articles use each word: what makes an article's terms distinctive when relating.
            CREATE VIRTUAL TABLE article_search_terms USING fts5vocab (article_search, 'row');

            -- Articles and entries new or changed since coverage was last worked out; CoverageStore.RelatePendingAsync
            -- takes them from here, so relating catches up after a crash and whichever code path wrote them.
            CREATE TABLE pending_article_relations (article_id INTEGER PRIMARY KEY);
            CREATE TABLE pending_entry_relations (entry_id INTEGER PRIMARY KEY);

            CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
                INSERT INTO article_search (rowid, title, lead, body)
                VALUES (new.id, search_text(new.title), search_text(new.lead), search_text(new.body_html));
                INSERT OR IGNORE INTO pending_article_relations (article_id) VALUES (new.id);
            END;
            CREATE TRIGGER articles_search_update AFTER UPDATE OF title, lead, body_html ON articles
            WHEN old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.body_html IS NOT new.body_html BEGIN
                DELETE FROM article_search WHERE rowid = old.id;
                INSERT INTO article_search (rowid, title, lead, body)
                VALUES (new.id, search_text(new.title), search_text(new.lead), search_text(new.body_html));
                INSERT OR IGNORE INTO pending_article_relations (article_id) VALUES (new.id);
            END;
            -- A new date moves the recency of every relation.
            CREATE TRIGGER articles_relations_redate AFTER UPDATE OF published_utc ON articles
            WHEN old.published_utc IS NOT new.published_utc BEGIN
                INSERT OR IGNORE INTO pending_article_relations (article_id) VALUES (new.id);
            END;
            CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
                DELETE FROM article_search WHERE rowid = old.id;
                DELETE FROM pending_article_relations WHERE article_id = old.id;
            END;
            CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN
                INSERT INTO entry_search (rowid, title, summary, content)
                VALUES (new.id, search_text(new.title), search_text(new.summary_html), search_text(new.content_html));
                INSERT OR IGNORE INTO pending_entry_relations (entry_id) VALUES (new.id);
            END;
            CREATE TRIGGER entries_search_update AFTER UPDATE OF title, summary_html, content_html ON entries
            WHEN old.title IS NOT new.title OR old.summary_html IS NOT new.summary_html OR old.content_html IS NOT new.content_html BEGIN
                DELETE FROM entry_search WHERE rowid = old.id;
                INSERT INTO entry_search (rowid, title, summary, content)
                VALUES (new.id, search_text(new.title), search_text(new.summary_html), search_text(new.content_html));
                INSERT OR IGNORE INTO pending_entry_relations (entry_id) VALUES (new.id);
            END;
            CREATE TRIGGER entries_relations_redate AFTER UPDATE OF sort_utc ON entries
            WHEN old.sort_utc IS NOT new.sort_utc BEGIN
                INSERT OR IGNORE INTO pending_entry_relations (entry_id) VALUES (new.id);
            END;
            CREATE TRIGGER entries_search_delete AFTER DELETE ON entries BEGIN
                DELETE FROM entry_search WHERE rowid = old.id;
                DELETE FROM pending_entry_relations WHERE entry_id = old.id;
            END;

            INSERT INTO article_search (rowid, title, lead, body)
            SELECT id, search_text(title), search_text(lead), search_text(body_html) FROM articles;
            INSERT INTO entry_search (rowid, title, summary, content)
            SELECT id, search_text(title), search_text(summary_html), search_text(content_html) FROM entries;
            -- Relating every article covers every entry already stored.
            INSERT INTO pending_article_relations (article_id) SELECT id FROM articles;

            -- Entries related to an article, best first when kept: the score (BM25 relevance times recency) and the
            -- article's terms the entry matched, so a relation can be explained. Rows go with either side.
            CREATE TABLE article_coverage (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
                score REAL NOT NULL,
                relevance REAL NOT NULL,
                recency REAL NOT NULL,
                -- JSON array of the matched terms, folded ("tin dung").
                terms_json TEXT NOT NULL,
                related_utc TEXT NOT NULL,
                PRIMARY KEY (article_id, entry_id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_article_coverage_entry ON article_coverage (entry_id);
            """),
        new(10, "storage probe: a scratch row the readiness check writes after a storage failure", """
            -- Written and deleted in one transaction by /readyz after a full disk or an I/O error, to see that a write
            -- that needs new space works again; empty otherwise.
            CREATE TABLE storage_probe (
                id INTEGER PRIMARY KEY,
                filler BLOB NOT NULL
            );
            """),
        new(15, "pages: image sizes, so article pages reserve their space", """
            ALTER TABLE article_images ADD COLUMN width INTEGER;
            ALTER TABLE article_images ADD COLUMN height INTEGER;
            -- Related teasers name their article by title; the article page links them.
            CREATE INDEX ix_articles_title ON articles (title);
            """),
        new(16, "admin console: each source's recent polls", """
            -- The last few polls of each source (the store keeps 20), for the operators' page of a source.
            CREATE TABLE source_polls (
                id INTEGER PRIMARY KEY,
                source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                polled_utc TEXT NOT NULL,
                succeeded INTEGER NOT NULL,
                http_status INTEGER,
                error TEXT,
                new_entries INTEGER NOT NULL,
                updated_entries INTEGER NOT NULL,
                duration_ms INTEGER
            );
            CREATE INDEX ix_source_polls_source ON source_polls (source_id, id);
            """),
        new(20, "stories: each entry's near-duplicate signature and story, and its LSH bands for finding candidates", """
            -- The story an entry is in: the id of the story's first entry (its own id when it starts one). Entries stored
            -- before this step each start their own; `syndication stories rebuild` clusters them.
            ALTER TABLE entries ADD COLUMN story_id INTEGER;
            -- StorySignature: the MinHash values (64 × 4 bytes), how many shingles, and the numbers ("key|all").
            ALTER TABLE entries ADD COLUMN story_hashes BLOB;
            ALTER TABLE entries ADD COLUMN story_shingles INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE entries ADD COLUMN story_numbers TEXT;
            UPDATE entries SET story_id = id;
            CREATE INDEX ix_entries_story ON entries (story_id);
            -- One row per band of each signed entry: a new entry's candidates are the entries sharing any of its bands.
            CREATE TABLE entry_story_bands (
                band INTEGER NOT NULL,
                entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
                PRIMARY KEY (band, entry_id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_entry_story_bands_entry ON entry_story_bands (entry_id);
            """),
        new(25, "editorial rules: drop, keep-only or tag entries at ingest, with how many entries each matched", """
            CREATE TABLE editorial_rules (
                id INTEGER PRIMARY KEY,
                -- NULL: every source.
                source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
                -- 'drop', 'keep-only' or 'tag:LABEL'.
                action TEXT NOT NULL,
                -- 'words', 'exact', 'phrase', 'regex', 'category' or 'author'.
                kind TEXT NOT NULL,
                pattern TEXT NOT NULL,
                created_utc TEXT NOT NULL,
                matched_count INTEGER NOT NULL DEFAULT 0
            );
            """),
        new(30, "withdrawals: why an article was withdrawn, and the facets it was in, for the feeds that carried it", """
            ALTER TABLE article_tombstones ADD COLUMN comment TEXT;
            -- The section, authors and tags a deleted article was in when it went, so their feeds can announce it too.
            CREATE TABLE article_tombstone_facets (
                source_key TEXT NOT NULL REFERENCES article_tombstones(source_key) ON DELETE CASCADE,
                -- 'section', 'author' or 'tag'.
                kind TEXT NOT NULL,
                slug TEXT NOT NULL,
                PRIMARY KEY (source_key, kind, slug)
            );
            CREATE INDEX ix_article_tombstone_facets_slug ON article_tombstone_facets (kind, slug);
            CREATE INDEX ix_article_tombstones_published ON article_tombstones (published_utc);
            """),
        new(31, "embargo: an article dated ahead is stored but public only from its time", """
            -- Set while an article's publication time is ahead: until then it is in no public feed, page, search or
            -- sitemap (partners with the embargo scope see it); the release clears it when the time comes.
            ALTER TABLE articles ADD COLUMN embargoed_until_utc TEXT;
            CREATE INDEX ix_articles_embargoed ON articles (embargoed_until_utc) WHERE embargoed_until_utc IS NOT NULL;
            -- An article deleted before its release was never public: its withdrawal is no news to the public feeds.
            ALTER TABLE article_tombstones ADD COLUMN embargoed_until_utc TEXT;
            """),
        new(32, "partner profiles: what each partner's feeds carry; who an article image is credited to", """
            -- 'full' text or the 'lead'; images (1/0); Media RSS (1/0); the sections as space-separated slugs (NULL: all);
            -- a line appended to each item's content. The defaults are what every partner got before profiles.
            ALTER TABLE partners ADD COLUMN content TEXT NOT NULL DEFAULT 'full';
            ALTER TABLE partners ADD COLUMN images INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE partners ADD COLUMN media INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE partners ADD COLUMN sections TEXT;
            ALTER TABLE partners ADD COLUMN attribution TEXT;
            -- The photographer or agency an image is credited to (media:credit).
            ALTER TABLE article_images ADD COLUMN credit TEXT;
            """),
        new(33, "corrections: the newsroom's correction note of an article and its time", """
            -- "Đính chính": shown above the article in the feeds and on its page; the time is when it was made.
            ALTER TABLE articles ADD COLUMN correction_text TEXT;
            ALTER TABLE articles ADD COLUMN correction_utc TEXT;
            """),
        new(40, "cluster: a poll lease on each source, so each due source is polled by one node", """
            -- Set while a node polls the source (its owner name) and until when; a lease past its time is free again,
            -- so a node that dies mid-poll leaves its sources to the others. next_poll_utc stays the only schedule.
            ALTER TABLE sources ADD COLUMN lease_owner TEXT;
            ALTER TABLE sources ADD COLUMN lease_until_utc TEXT;
            CREATE INDEX ix_sources_due ON sources (next_poll_utc) WHERE removed_utc IS NULL AND disabled_reason IS NULL;
            """),
        new(41, "cluster: job leases, so retention, maintenance, export, WebSub and relating run on one node at a time", """
            CREATE TABLE job_leases (
                name TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                until_utc TEXT NOT NULL
            );
            """),
        new(42, "cluster: each partner key's current rate window, shared by every node", """
            -- One fixed window per key: it starts at the key's first request and ends a minute later; "used" counts the
            -- requests in it, on whichever node. Only the PostgreSQL nodes use it; one SQLite host counts in memory.
            CREATE TABLE partner_windows (
                partner_id INTEGER PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
                window_end_utc TEXT NOT NULL,
                used INTEGER NOT NULL
            );
            """),
        new(50, "alerts: webhooks, the events waiting to be looked at, and each delivery with its attempts", """
            CREATE TABLE webhooks (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL,
                -- Space-separated event names: story.matched, article.covered, source.failing, source.silent.
                events TEXT NOT NULL,
                -- The words a new story must contain (folded, as the rules' 'words' kind), for story.matched.
                words TEXT,
                -- After how many consecutive failed polls a source is reported failing.
                failures INTEGER NOT NULL DEFAULT 3,
                secret TEXT NOT NULL,
                created_utc TEXT NOT NULL
            );
            -- What happened that may be an event, written in the transaction that made it (only while a webhook
            -- exists) and taken away by the alert loop: 'entry' (a new entry), 'coverage' (an article and an entry
            -- related), 'poll' (a source polled).
            CREATE TABLE alert_pending (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                subject_id INTEGER NOT NULL,
                other_id INTEGER
            );
            CREATE TRIGGER alerts_entry_insert AFTER INSERT ON entries WHEN EXISTS (SELECT 1 FROM webhooks) BEGIN
                INSERT INTO alert_pending (kind, subject_id) VALUES ('entry', new.id);
            END;
            CREATE TRIGGER alerts_coverage_insert AFTER INSERT ON article_coverage WHEN EXISTS (SELECT 1 FROM webhooks) BEGIN
                INSERT INTO alert_pending (kind, subject_id, other_id) VALUES ('coverage', new.article_id, new.entry_id);
            END;
            CREATE TRIGGER alerts_poll_insert AFTER INSERT ON source_polls WHEN EXISTS (SELECT 1 FROM webhooks) BEGIN
                INSERT INTO alert_pending (kind, subject_id) VALUES ('poll', new.source_id);
            END;
            -- One row per webhook and event: the unique key is what keeps an event from being sent twice.
            CREATE TABLE webhook_deliveries (
                id INTEGER PRIMARY KEY,
                webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                event TEXT NOT NULL,
                event_key TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_utc TEXT NOT NULL,
                -- 'pending' (due at next_attempt_utc), 'delivered' or 'failed' (no attempts left).
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_utc TEXT,
                last_status INTEGER,
                last_error TEXT,
                finished_utc TEXT,
                -- The node sending it now, and until when (a node that dies mid-send leaves it to the others).
                lease_owner TEXT,
                lease_until_utc TEXT,
                UNIQUE (webhook_id, event_key)
            );
            CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_utc) WHERE state = 'pending';
            CREATE INDEX ix_webhook_deliveries_created ON webhook_deliveries (created_utc);
            CREATE TABLE webhook_attempts (
                delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
                attempt INTEGER NOT NULL,
                attempted_utc TEXT NOT NULL,
                http_status INTEGER,
                error TEXT,
                duration_ms INTEGER NOT NULL,
                PRIMARY KEY (delivery_id, attempt)
            );
            """),
        new(55, "websub: each source's subscription to the hub its feed names, and which polls were pushed", """
            -- One subscription per source, to the hub its feed advertised (rel="hub") for its topic (rel="self", else
            -- the source URL). token names the callback (/websub/callback/{token}); secret signs the hub's deliveries.
            -- state: 'pending' (to request), 'requested' (awaiting the hub's check of intent), 'active' (verified, lease
            -- until lease_expires_utc), 'denied', 'failed', 'expired' (the lease ran out) or 'silent' (no delivery for
            -- too long). next_attempt_utc is when to (re)subscribe: at once, on renewal, or after a failure.
            CREATE TABLE websub_subscriptions (
                source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
                hub_url TEXT NOT NULL,
                topic_url TEXT NOT NULL,
                token TEXT NOT NULL UNIQUE,
                secret TEXT NOT NULL,
                state TEXT NOT NULL,
                created_utc TEXT NOT NULL,
                requested_utc TEXT,
                verified_utc TEXT,
                lease_seconds INTEGER,
                lease_expires_utc TEXT,
                next_attempt_utc TEXT,
                last_delivery_utc TEXT,
                deliveries INTEGER NOT NULL DEFAULT 0,
                refused INTEGER NOT NULL DEFAULT 0,
                last_refused_utc TEXT,
                last_error TEXT
            );
            CREATE INDEX ix_websub_subscriptions_next ON websub_subscriptions (next_attempt_utc);
            -- A delivery the hub pushed is recorded among the source's polls, marked so.
            ALTER TABLE source_polls ADD COLUMN pushed INTEGER NOT NULL DEFAULT 0;
            """),
        new(60, "stories: new entries' bands queued in insertion order and folded into the band index in bulk", """
            -- Each stored entry's 32 LSH bands land on 32 scattered pages of entry_story_bands, so a poll of 50 entries
            -- rewrote about 1,600 pages of it. Appended here instead (a few pages per poll, no index), they are read by
            -- a scan while few, and moved into entry_story_bands in band order once many, a page at a time.
            -- (PostgreSQL writes index entries, not pages, to its log, and inserts into entry_story_bands directly.)
            CREATE TABLE story_band_queue (
                band INTEGER NOT NULL,
                entry_id INTEGER NOT NULL
            );
            """),
        new(61, "stories: the band index keeps one b-tree, unfolded bands stay in their entries' signatures", """
            -- The foreign key's index on entry_id was a second b-tree written for every band, and the key itself a lookup
            -- of the entry for every band: together more than half of folding the queue into the index. A deleted entry
            -- leaves its signature in story_bands_gone instead (whatever deletes it: retention, a rule, an operator's
            -- sqlite3), and its bands, computed from it, are removed by their primary key before the next entry is stored.
            CREATE TABLE entry_story_bands_new (
                band INTEGER NOT NULL,
                entry_id INTEGER NOT NULL,
                PRIMARY KEY (band, entry_id)
            ) WITHOUT ROWID;
            INSERT INTO entry_story_bands_new (band, entry_id)
            SELECT band, entry_id FROM entry_story_bands
            UNION
            SELECT q.band, q.entry_id FROM story_band_queue q WHERE EXISTS (SELECT 1 FROM entries e WHERE e.id = q.entry_id)
            ORDER BY 1, 2;
            DROP TABLE entry_story_bands;
            DROP TABLE story_band_queue;
            ALTER TABLE entry_story_bands_new RENAME TO entry_story_bands;
            -- The queue wrote each new band a second time: the entries after this mark have their bands only in their
            -- signatures (entries.story_hashes), computed when looked up, and folded into the index in bulk.
            CREATE TABLE story_band_fold (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                folded_id INTEGER NOT NULL
            );
            INSERT INTO story_band_fold (id, folded_id) SELECT 1, coalesce(max(id), 0) FROM entries;
            CREATE TABLE story_bands_gone (
                entry_id INTEGER NOT NULL,
                hashes BLOB NOT NULL
            );
            CREATE TRIGGER tr_entries_story_bands_gone AFTER DELETE ON entries WHEN OLD.story_hashes IS NOT NULL
            BEGIN
                INSERT INTO story_bands_gone (entry_id, hashes) VALUES (OLD.id, OLD.story_hashes);
            END;
            """),
        new(62, "stories: a fold writes its bands as one sorted run instead of into the band index", """
            -- Inserting each (band, entry) pair of a fold into entry_story_bands cost ~3.5 µs a pair in the poll's write
            -- turn: most of what clustering cost a first cycle. A fold now writes one row: the pairs packed in band order
            -- (BandRuns), the ids it covers and its entries' dates, looked up in memory. entry_story_bands keeps what
            -- earlier folds put there and takes only the bands of entries changed after their fold.
            CREATE TABLE story_band_runs (
                last_id INTEGER PRIMARY KEY,
                first_id INTEGER NOT NULL,
                min_sort TEXT NOT NULL,
                max_sort TEXT NOT NULL,
                version INTEGER NOT NULL,
                bands BLOB NOT NULL
            );
            -- Moved by every write of runs, so a process knows when another's runs differ from those it holds.
            ALTER TABLE story_band_fold ADD COLUMN runs_version INTEGER NOT NULL DEFAULT 0;
            """),
    ];
}
