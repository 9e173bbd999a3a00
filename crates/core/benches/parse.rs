//! Parsing throughput on a realistic mix of designations.

use normbase_core::designation::{extract, parse};

fn main() {
    divan::main();
}

/// A mix of Chinese, international and foreign designations in messy spellings.
const MIX: &[&str] = &[
    "GB/T 19001-2016",
    "GB 50016-2014（2018年版）",
    "ＧＢ／Ｔ 19001－2016",
    "gb/t19001-2016",
    "YY/T 0287-2017/ISO 13485:2016",
    "GB/T 16649.4—2010",
    "JTGB05-01-2013",
    "DB33/T 1136-2017",
    "T/CECS 123-2020",
    "GB 5749-85",
    "GB 1234-2010/XG1-2015",
    "JGJ/T 21-93",
    "NB/SH/T 0001-2019",
    "ISO 9001:2015",
    "ISO 9001:2015/Amd 1:2020",
    "ISO/IEC 27001:2022",
    "IEC 60335-2-40:2022",
    "IEC 60335-1:2010+AMD1:2013+AMD2:2016 CSV",
    "ISO/TR 7035-2:2024",
    "EN ISO 13849-1:2015",
    "BS EN 60335-1:2012+A11:2014",
    "ASTM D1193-06(2018)",
    "JIS C 8201-2-1:2011",
    "ГОСТ Р 52289-2019",
    "ISO 14001:2004 Environmental management systems",
    "GB/T 19001-2016 质量管理体系 要求",
];

#[divan::bench(counter = divan::counter::ItemsCount::new(MIX.len()))]
fn parse_mix() -> usize {
    let mut ok = 0;
    for s in divan::black_box(MIX) {
        ok += usize::from(parse(s).is_ok());
    }
    ok
}

#[divan::bench(counter = divan::counter::ItemsCount::new(MIX.len()))]
fn parse_and_key() -> usize {
    let mut n = 0;
    for s in divan::black_box(MIX) {
        if let Ok(d) = parse(s) {
            n += d.key().len();
        }
    }
    n
}

#[divan::bench]
fn extract_clause() -> usize {
    let text = divan::black_box(
        "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。\
         GB/T 1.1—2020 标准化工作导则 第1部分：标准化文件的结构和起草规则\n\
         GB 4706.1-2005 家用和类似用途电器的安全 第1部分：通用要求(IEC 60335-1:2004,IDT)\n\
         ISO 7000, Graphical symbols for use on equipment\n",
    );
    extract(text).len()
}
