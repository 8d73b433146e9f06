// Import and export at the scale of a large dealer group: 100k rows. The targets are for the
// WASM build (the browser); the native build reports the same work under *_native_* names.
#include <ctime>
#include <string>
#include "bench.h"
#include "export.h"
#include "import_job.h"
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace {

// CPU time of this process in ms. The machine is shared (two cores, several engineers), so
// wall-clock medians swing 2-4x with the load; CPU time shows what the work itself costs.
double cpu_ms() {
#ifdef __EMSCRIPTEN__
    return EM_ASM_DOUBLE({
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
    });
#else
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
#endif
}

// Median wall time (the metric) and median CPU time of `runs` runs.
template <class Fn>
std::pair<double, double> wall_and_cpu_ms(int runs, Fn&& fn) {
    std::vector<double> cpu;
    double wall = fc::bench::median_ms(runs, [&] {
        double c0 = cpu_ms();
        fn();
        cpu.push_back(cpu_ms() - c0);
    });
    std::sort(cpu.begin(), cpu.end());
    return {wall, cpu[cpu.size() / 2]};
}

constexpr fc::Time kNow = 1790000000;

fc::Store reference_store() {
    fc::Store s;
    s.dealers.put(fc::Dealer{"D1", "Autohaus München", "Europe/Berlin"});
    s.users.put(fc::User{"D1-R1", "D1", "Anna Müller", "rep"});
    s.categories.put(fc::ProductCategory{"new-cars", "New cars"});
    return s;
}

// 100k contacts of 10k companies, semicolon separated as a German Excel writes them, with
// quoted names, non-ASCII letters and every tenth row without an email.
std::string contacts_file(int n) {
    static const char* given[] = {"Anna", "Łukasz", "Jürgen", "Émilie", "Đorđe", "花子"};
    static const char* family[] = {"Müller", "Kowalski", "Lefèvre", "Đorđević", "山田", "Nowak"};
    std::string f = "Vorname;Nachname;E-Mail;Telefon;Firma;Rolle\r\n";
    f.reserve(size_t(n) * 90);
    for (int i = 0; i < n; ++i) {
        std::string id = std::to_string(i);
        f += given[i % 6];
        f += ";\"";
        f += family[(i / 6) % 6];
        f += ", ";
        f += id;
        f += "\";";
        if (i % 10) f += "p" + id + "@example.com";
        f += ";+49 89 " + std::to_string(1000000 + i) + ";Firma " + std::to_string(i % 10000) +
             " GmbH;" + (i % 3 ? "user" : "decision_maker") + "\r\n";
    }
    return f;
}

fc::Store leads_store(int n) {
    fc::Store s = reference_store();
    s.accounts.reserve(size_t(n / 4));
    s.leads.reserve(size_t(n));
    for (int a = 0; a < n / 4; ++a)
        s.accounts.put(fc::Account{"A" + std::to_string(a), "D1", "Müller & Söhne " + std::to_string(a),
                                   "80331", "München", "DE", "fleet", 12});
    for (int i = 0; i < n; ++i)
        s.leads.put(fc::Lead{"L" + std::to_string(i), "A" + std::to_string(i % (n / 4)),
                             "new-cars", "D1", i % 2 ? "D1-R1" : "", fc::LeadState::working,
                             kNow - i, 0, double(i % 1000) / 10});
    return s;
}

}  // namespace

FC_BENCH("import") {
    const int n = 100000;
    std::string file = contacts_file(n);
    std::size_t created = 0;
    auto [ms, cpu] = wall_and_cpu_ms(3, [&] {
        fc::Store store = reference_store();
        fc::ImportSource src;
        if (fc::read_import_source(file, fc::ImportFormat::detect, src)) return;
        fc::ColumnMapping m = fc::guess_mapping(fc::ImportKind::contacts, src.table.header);
        fc::ImportOptions o;
        o.kind = fc::ImportKind::contacts;
        o.import_id = "bench";
        o.client_id = "client-1";
        o.now = kNow;
        o.default_dealer_id = "D1";
        fc::ImportJob job;
        if (fc::start_import(job, store, std::move(src), m, o)) return;
        // The UI's slices: a thousand rows a frame.
        while (fc::step_import(job, store, 1000) > 0) job.outbox.clear();
        created = job.counts.created;
    });
    ctx.report(ctx.wasm ? "import_100k_rows_ms" : "import_100k_rows_native_ms", ms);
    ctx.report(ctx.wasm ? "import_100k_rows_cpu_ms" : "import_100k_rows_cpu_native_ms", cpu);
    ctx.report("import_100k_rows_created", double(created));  // a check that all rows went in
}

FC_BENCH("export") {
    const int n = 100000;
    fc::Store s = leads_store(n);
    fc::RowPositions rows = fc::all_rows(s.leads);
    std::size_t bytes = 0;
    auto [csv, csv_cpu] = wall_and_cpu_ms(3, [&] {
        bytes = fc::export_leads_csv(s, rows, fc::CsvOptions{',', true, true}).size();
    });
    ctx.report("export_100k_rows_csv_bytes", double(bytes));
    double js = fc::bench::median_ms(3, [&] { fc::json_file_text(fc::export_leads_json(s, rows)); });
    ctx.report(ctx.wasm ? "export_100k_rows_ms" : "export_100k_rows_native_ms", csv);
    ctx.report(ctx.wasm ? "export_100k_rows_cpu_ms" : "export_100k_rows_cpu_native_ms", csv_cpu);
    ctx.report(ctx.wasm ? "export_100k_rows_json_ms" : "export_100k_rows_json_native_ms", js);
}
