#!/usr/bin/env python3
"""Writes N articles as JSON Lines (the seed format) to standard output: Vietnamese text of real lengths, one
article per line, slugs 'bai-tai-nhap-SEED-N'. Used by the fault scripts to make an import that takes a while."""
import json
import random
import sys

WORDS = ("kinh tế xã hội tỉnh Đắk Lắk cà phê hồ tiêu nông dân hợp tác xã doanh nghiệp chính sách tín dụng "
         "ngân hàng người dân buôn làng cồng chiêng lễ hội du lịch giáo dục học sinh trường học y tế bệnh viện "
         "giao thông đường bộ cao tốc Buôn Ma Thuột huyện xã thị trấn sản xuất xuất khẩu giá cả thị trường "
         "mùa vụ thu hoạch nước tưới hạn hán mưa lũ cán bộ đảng viên hội nghị triển khai kế hoạch năm nay").split()
SECTIONS = ["Kinh tế", "Xã hội", "Chính trị", "Văn hóa", "Nông nghiệp", "Giáo dục", "Sức khỏe"]


def sentence(rng, low=8, high=22):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    out = sys.stdout
    for n in range(count):
        paragraphs = ["<p>" + " ".join(sentence(rng) for _ in range(rng.randint(3, 6))) + "</p>" for _ in range(rng.randint(4, 9))]
        day = 1 + n % 28
        month = 1 + (n // 28) % 12
        year = 2015 + (n // 336) % 10
        article = {
            "slug": f"bai-tai-nhap-{seed}-{n}",
            "title": sentence(rng, 6, 12).rstrip("."),
            "published": f"{year:04d}-{month:02d}-{day:02d}T{7 + n % 12:02d}:{n % 60:02d}:00+07:00",
            "lead": sentence(rng, 20, 40),
            "body": "".join(paragraphs),
            "authors": [rng.choice(["Hồng Chuyên", "Minh Thuận", "Thu Hà", "Hoàng Gia"])],
            "section": rng.choice(SECTIONS),
            "tags": rng.sample(["Cà phê", "Đắk Lắk", "Nông thôn mới", "Tín dụng", "Du lịch", "Giáo dục"], 2),
        }
        out.write(json.dumps(article, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
